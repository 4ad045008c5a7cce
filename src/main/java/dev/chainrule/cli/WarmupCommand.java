package dev.chainrule.cli;

import dev.chainrule.cas.Cas;
import dev.chainrule.expr.Parser;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Hidden: loads what the commands use (the built-in explain, a derive, a check with Symja) so that the launcher can
 * record an AppCDS archive of those classes after a build. Prints nothing; exit 0, or 3 if anything failed.
 */
@Command(name = "__warmup", hidden = true, description = "Load the classes of every command once (used by the launcher).")
public final class WarmupCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        int explain = Main.run(new String[] {"explain"}, sink, sink);
        int derive = Main.run(new String[] {"derive", "(t - (w1*x1 + b))^2", "--wrt", "w1", "--at", "t=2,w1=1,x1=1,b=2"}, sink, sink);
        // check loads Symja (both judges): one correct claim, one with a missing factor
        int check = Main.run(new String[] {"check", "--claim", "w[2,1,1] = (yhat - y)*a[1,1]",
            "--claim", "w[1,1,1] = (yhat - y)*w[2,1,1]*x1"}, sink, sink);
        boolean zero = Cas.isZero(Parser.parseExpression("yhat*(1 - yhat) - (yhat - yhat^2)"), Duration.ofSeconds(60))
                .orElse(false);
        return explain == Main.OK && derive == Main.OK && check == Main.CHECK_FAILED && zero ? Main.OK : Main.INTERNAL_ERROR;
    }
}
