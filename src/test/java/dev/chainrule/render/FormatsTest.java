package dev.chainrule.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.render.doc.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table of formats: what each command offers, and that anything else is refused, never written as text. */
class FormatsTest {
    private static final List<Format> DOCUMENTS = List.of(Format.TEXT, Format.JSON, Format.LATEX, Format.MARKDOWN,
            Format.HTML);

    @Test
    void eachCommandListsItsFormatsInHelpOrder() {
        assertEquals(List.of(Format.TEXT, Format.JSON, Format.LATEX, Format.MARKDOWN, Format.HTML, Format.DOT),
                Formats.EXPLAIN.formats());
        assertEquals(DOCUMENTS, Formats.DERIVE.formats());
        assertEquals(List.of(Format.TEXT, Format.JSON, Format.LATEX, Format.MARKDOWN, Format.HTML, Format.GRADESCOPE,
                Format.PRAIRIELEARN), Formats.CHECK.formats());
        assertEquals(DOCUMENTS, Formats.TRAIN.formats());
        assertEquals(List.of(Format.TEXT, Format.JSON, Format.MARKDOWN), Formats.CHECK_GRADIENTS.formats());
    }

    @Test
    void aFormatNotOfferedIsAUserError() {
        UserError e = assertThrows(UserError.class, () -> Formats.DERIVE.renderer(Format.DOT));
        assertEquals("--format dot is not available for this command (use one of: text, json, latex, markdown, html)",
                e.getMessage());
        UserError g = assertThrows(UserError.class, () -> Formats.CHECK_GRADIENTS.renderer(Format.HTML));
        assertTrue(g.getMessage().contains("use --format json"), g.getMessage());
    }

    @Test
    void theCommandLineRefusesInOneLine() {
        for (String[] args : List.of(new String[] {"derive", "x^2", "--wrt", "x", "--format", "dot"},
                new String[] {"train", "--epochs", "1", "--format", "dot"},
                new String[] {"check", "--claim", "b[2,1] = yhat - y", "--format", "dot"})) {
            CliTestSupport.Result r = CliTestSupport.run(args);
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().contains("--format dot is not available for this command"), r::describe);
            assertTrue(r.out().isEmpty(), r::describe);
        }
        CliTestSupport.Result r = CliTestSupport.run("explain", "--format", "pdf");
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("Invalid value for option '--format': expected one of "
                + "[text, json, latex, markdown, html, dot, gradescope, prairielearn] (case-sensitive) but was 'pdf'"), r::describe);
    }

    /** Every explain format written to a writer (as the command does) is the document render returns, byte for byte. */
    @Test
    void writingAsItRendersGivesTheSameDocument() throws Exception {
        dev.chainrule.network.NetworkExplanation x = new dev.chainrule.network.NetworkAnalysis(
                dev.chainrule.network.spec.BuiltinExamples.xor()).explain(List.of(), java.util.Optional.empty(),
                dev.chainrule.network.NetworkExplanation.CheckMode.ALL, 1);
        for (Format f : Formats.EXPLAIN.formats()) {
            for (boolean fragment : new boolean[] {false, true}) {
                dev.chainrule.render.doc.FormatTable.Options o = dev.chainrule.render.doc.FormatTable.Options.of(fragment);
                java.io.StringWriter out = new java.io.StringWriter();
                Formats.EXPLAIN.renderer(f).write(x, o, out);
                assertEquals(Formats.EXPLAIN.render(f, x, o), out.toString(), f.id());
            }
        }
    }
}
