package dev.chainrule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.expr.Expr.Call;
import dev.chainrule.expr.Expr.Num;
import dev.chainrule.expr.Expr.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The functions of issue 14 print as text and as input syntax that parse back to the same call. */
class Issue14NotationTest {
    @Test
    void textAndInputSyntaxParseBack() {
        Expr z = Exprs.sub(new Var("y"), new Var("yhat"));
        List<Expr> calls = List.of(new Call(Fn.SOFTPLUS, z), new Call(Fn.ELU, List.of(z, Num.of(1, 2))),
                new Call(Fn.ELU_STEP, List.of(z, Num.ONE)), new Call(Fn.GELU, z), new Call(Fn.SILU, z),
                new Call(Fn.NORM_CDF, z), new Call(Fn.NORM_PDF, z), new Call(Fn.HUBER, List.of(z, Num.of(2))),
                new Call(Fn.HUBER_GRAD, List.of(z, Num.of(1, 4))));
        for (Expr e : calls) {
            assertEquals(e, Parser.parseExpression(TextPrinter.str(e)), "text " + TextPrinter.str(e));
            assertEquals(e, Parser.parseExpression(InputPrinter.str(e)), "input " + InputPrinter.str(e));
        }
        assertEquals("ELU′(y − ŷ; α=1)", TextPrinter.str(calls.get(2)));
        assertEquals("huber(y − ŷ; δ=2)", TextPrinter.str(calls.get(7)));
        assertEquals(new Call(Fn.ELU, List.of(new Var("z"), Num.ONE)), Parser.parseExpression("elu(z)"), "α defaults to 1");
        assertEquals(new Call(Fn.HUBER, List.of(new Var("z"), Num.ONE)), Parser.parseExpression("huber(z)"), "δ defaults to 1");
        assertEquals(new Call(Fn.SILU, new Var("z")), Parser.parseExpression("swish(z)"));
    }
}
