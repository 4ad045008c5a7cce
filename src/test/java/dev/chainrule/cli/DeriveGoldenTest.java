package dev.chainrule.cli;

import static dev.chainrule.cli.CliTestSupport.assertExit;

import dev.chainrule.cli.CliTestSupport.Result;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text traces of {@code chainrule derive} for a few expressions, compared with the files in
 * {@code src/test/resources/golden/derive/}, so that every change of the output shows in review.
 *
 * <p>To accept a change, regenerate the files and review the diff:
 * {@code mvn -q test -Dtest='dev.chainrule.cli.DeriveGoldenTest' -Dgolden.update=true}.
 * The first line of each file is the command line; the rest is its standard output.
 */
class DeriveGoldenTest {
    static List<Arguments> traces() {
        return List.of(
                Arguments.of("issue_example", new String[] {"derive", "(t - (w1*x1 + w2*x2 + b))^2", "--wrt", "w1",
                        "--at", "t=2,w1=1,w2=0,b=2,x1=1,x2=0"}),
                Arguments.of("linear_regression_definitions", new String[] {"derive",
                        "J = (t - z)^2; z = x1*w1 + x2*w2 + b", "--wrt", "w1,b", "--at", "x1=1,x2=0,w1=1,w2=0,b=2,t=2"}),
                Arguments.of("one_dimensional_notes", new String[] {"derive", "L = (y - yhat)^2; yhat = w1*x", "--wrt",
                        "w1", "--at", "x=3,w1=0.1,y=1"}),
                Arguments.of("relu_sigmoid_bce_kink", new String[] {"derive",
                        "L = -y*log(yhat) - (1 - y)*log(1 - yhat); yhat = sigmoid(z2); z2 = v*h + c; h = relu(z1);"
                                + " z1 = w*x + b", "--wrt", "w", "--at", "y=1,v=-1,c=1,w=1,x=0.5,b=-0.5"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void textTraceMatchesTheGoldenFile(String name, String[] args) throws IOException {
        Result r = CliTestSupport.run(args);
        assertExit(0, r);
        GoldenFiles.assertMatches("derive", name, args, r.out());
    }
}
