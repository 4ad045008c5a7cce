package dev.chainrule.homework;

import dev.chainrule.expr.Expr;
import java.util.List;

/**
 * Worked steps judged on a network, line by line, for the renderers: the goal ∂L/∂param, every expression line
 * with its verdict against the true gradient and whether it follows from the line before, and the first wrong line.
 *
 * @param goal         the parameter, e.g. {@code w[2,1,1]}
 * @param goalExpr     ∂L/∂param as a derivative node
 * @param goalLine     the line of the file that names the goal
 * @param lines        the expression lines in file order
 * @param firstWrong   the first line that is not ∂L/∂param (a line number of the file), 0 when there is none
 * @param finalCorrect whether the last line equals ∂L/∂param
 * @param gradient     the true gradient, Unicode (chain rule written out)
 */
public record StepsTrace(String goal, Expr goalExpr, int goalLine, List<Line> lines, int firstWrong, boolean finalCorrect,
                         String gradient) {
    public StepsTrace {
        lines = List.copyOf(lines);
    }

    /**
     * One expression line.
     *
     * @param number  its line in the file
     * @param text    what was written (without a leading "=" or the goal before it)
     * @param expr    the same, parsed, in the network's names (derivative factors kept as ∂A/∂B nodes)
     * @param verdict {@link ClaimVerdict#CORRECT} when it equals ∂L/∂param, {@link ClaimVerdict#INCORRECT} or
     *                {@link ClaimVerdict#UNDECIDED}
     * @param follows whether it equals the line before (for the first expression line: the goal)
     * @param factors how each ∂A/∂B of the line was read on the network, e.g. "∂z₁⁽²⁾/∂w₁₁⁽²⁾ = a₁⁽¹⁾"
     */
    public record Line(int number, String text, Expr expr, ClaimVerdict verdict, boolean follows, List<String> factors) {
        public Line {
            factors = List.copyOf(factors);
        }

        public boolean isCorrect() {
            return verdict == ClaimVerdict.CORRECT;
        }
    }

    /** The line with this number of the file, or null. */
    public Line line(int number) {
        for (Line l : lines) {
            if (l.number() == number) {
                return l;
            }
        }
        return null;
    }
}
