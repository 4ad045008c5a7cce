package dev.chainrule.render;

import static dev.chainrule.render.doc.Format.DOT;
import static dev.chainrule.render.doc.Format.GRADESCOPE;
import static dev.chainrule.render.doc.Format.HTML;
import static dev.chainrule.render.doc.Format.JSON;
import static dev.chainrule.render.doc.Format.LATEX;
import static dev.chainrule.render.doc.Format.MARKDOWN;
import static dev.chainrule.render.doc.Format.PRAIRIELEARN;
import static dev.chainrule.render.doc.Format.TEXT;

import dev.chainrule.freeform.FreeformAnalysis;
import dev.chainrule.network.NetworkExplanation;
import dev.chainrule.render.check.CheckDocument;
import dev.chainrule.render.check.CheckJsonRenderer;
import dev.chainrule.render.check.CheckReport;
import dev.chainrule.render.check.CheckTextRenderer;
import dev.chainrule.render.check.GradientsRenderer;
import dev.chainrule.render.check.GraderRenderer;
import dev.chainrule.render.check.GradientsReport;
import dev.chainrule.render.derive.DeriveDocument;
import dev.chainrule.render.derive.DeriveJsonRenderer;
import dev.chainrule.render.derive.DeriveTextRenderer;
import dev.chainrule.render.doc.FormatTable;
import dev.chainrule.render.doc.HtmlDoc;
import dev.chainrule.render.doc.LatexDoc;
import dev.chainrule.render.doc.MarkdownDoc;
import dev.chainrule.render.explain.ExplainDocument;
import dev.chainrule.render.explain.ExplainDotRenderer;
import dev.chainrule.render.explain.ExplainJsonRenderer;
import dev.chainrule.render.explain.ExplainTextRenderer;
import dev.chainrule.render.train.TrainDocument;
import dev.chainrule.render.train.TrainJsonRenderer;
import dev.chainrule.render.train.TrainTextRenderer;
import dev.chainrule.train.TrainResult;

/**
 * Which formats each command writes, and with what: the one place a command's formats are listed. The command
 * line looks its {@code --format} up here ({@link FormatTable#renderer}), and --help names what the table holds.
 * The document formats write the command's {@code *Document} into a {@link LatexDoc}, {@link MarkdownDoc} or
 * {@link HtmlDoc}; JSON is always the full record (machine readers get every step, whatever --detail says).
 */
public final class Formats {
    private Formats() {
    }

    public static final FormatTable<NetworkExplanation> EXPLAIN = FormatTable.<NetworkExplanation>builder()
            // streamed: 784-128-10 writes 42 MB of text or 54 MB of JSON, never held as one string
            .streamed(TEXT, (x, o, out) -> ExplainTextRenderer.write(x, o.detail(), out))
            .streamed(JSON, (x, o, out) -> ExplainJsonRenderer.write(x, out))
            .add(LATEX, (x, o) -> ExplainDocument.write(o.latex("explain"), x, o.detail()))
            .add(MARKDOWN, (x, o) -> ExplainDocument.write(new MarkdownDoc(), x, o.detail()))
            .add(HTML, (x, o) -> ExplainDocument.write(new HtmlDoc(o.fragment(), "explain", o.math()), x, o.detail()))
            .add(DOT, (x, o) -> ExplainDotRenderer.render(x))
            .build();

    /** explain of an image network (conv2d, pooling, flatten, dense): every format but dot. */
    public static final FormatTable<dev.chainrule.network.ConvAnalysis.Explanation> EXPLAIN_CONV =
            FormatTable.<dev.chainrule.network.ConvAnalysis.Explanation>builder()
            .add(TEXT, (x, o) -> dev.chainrule.render.explain.ConvExplainRenderer.text(x))
            .add(JSON, (x, o) -> dev.chainrule.render.explain.ConvExplainRenderer.json(x))
            .add(LATEX, (x, o) -> dev.chainrule.render.explain.ConvExplainDocument.write(o.latex("explain"), x))
            .add(MARKDOWN, (x, o) -> dev.chainrule.render.explain.ConvExplainDocument.write(new MarkdownDoc(), x))
            .add(HTML, (x, o) -> dev.chainrule.render.explain.ConvExplainDocument.write(
                    new HtmlDoc(o.fragment(), "explain", o.math()), x))
            .refusal("--format dot draws a dense network's graph; a conv2d network is explained in text, json, latex,"
                    + " markdown or html")
            .build();

    /** explain of a recurrent network (an rnn layer, then dense layers): every format but dot. */
    public static final FormatTable<dev.chainrule.network.RnnAnalysis.Explanation> EXPLAIN_RNN =
            FormatTable.<dev.chainrule.network.RnnAnalysis.Explanation>builder()
            .add(TEXT, (x, o) -> dev.chainrule.render.explain.RnnExplainRenderer.text(x))
            .add(JSON, (x, o) -> dev.chainrule.render.explain.RnnExplainRenderer.json(x))
            .add(LATEX, (x, o) -> dev.chainrule.render.explain.RnnExplainDocument.write(o.latex("explain"), x))
            .add(MARKDOWN, (x, o) -> dev.chainrule.render.explain.RnnExplainDocument.write(new MarkdownDoc(), x))
            .add(HTML, (x, o) -> dev.chainrule.render.explain.RnnExplainDocument.write(
                    new HtmlDoc(o.fragment(), "explain", o.math()), x))
            .refusal("--format dot draws a dense network's graph; an rnn network is explained in text, json, latex,"
                    + " markdown or html")
            .build();

    public static final FormatTable<FreeformAnalysis> DERIVE = FormatTable.<FreeformAnalysis>builder()
            .add(TEXT, (a, o) -> DeriveTextRenderer.render(a, o.detail()))
            .add(JSON, (a, o) -> DeriveJsonRenderer.render(a))
            .add(LATEX, (a, o) -> DeriveDocument.write(o.latex("derive"), a, o.detail()))
            .add(MARKDOWN, (a, o) -> DeriveDocument.write(new MarkdownDoc(), a, o.detail()))
            .add(HTML, (a, o) -> DeriveDocument.write(new HtmlDoc(o.fragment(), "derive", o.math()), a, o.detail()))
            .build();

    /** {@code check} with claims or worked steps; only the HTML sheet draws the figures. */
    public static final FormatTable<CheckReport> CHECK = FormatTable.<CheckReport>builder()
            .add(TEXT, (c, o) -> CheckTextRenderer.render(c.title(), c.results()))
            .add(JSON, (c, o) -> CheckJsonRenderer.render(c.results(), c.of(), c.reduction()))
            .add(LATEX, (c, o) -> CheckDocument.write(o.latex("check"), c.title(), c.results()))
            .add(MARKDOWN, (c, o) -> CheckDocument.write(new MarkdownDoc(), c.title(), c.results()))
            .add(HTML, (c, o) -> CheckDocument.write(new HtmlDoc(o.fragment(), "check", o.math()), c.title(), c.results(),
                    c.figures()))
            .add(GRADESCOPE, (c, o) -> GraderRenderer.gradescope(c))
            .add(PRAIRIELEARN, (c, o) -> GraderRenderer.prairielearn(c))
            .build();

    /** {@code check --gradients}: a ranked table, not a derivation, so no LaTeX or HTML document. */
    public static final FormatTable<GradientsReport> CHECK_GRADIENTS = FormatTable.<GradientsReport>builder()
            .add(TEXT, (g, o) -> GradientsRenderer.text(g.title(), g.report()))
            .add(JSON, (g, o) -> GradientsRenderer.json(g.report(), g.spec(), g.file()))
            .add(MARKDOWN, (g, o) -> GradientsRenderer.markdown(g.title(), g.report()))
            .refusal("check --gradients writes text, json or markdown; use --format json for a document to"
                    + " process further")
            .build();

    public static final FormatTable<TrainResult> TRAIN = FormatTable.<TrainResult>builder()
            .add(TEXT, (r, o) -> TrainTextRenderer.render(r))
            .add(JSON, (r, o) -> TrainJsonRenderer.render(r))
            .add(LATEX, (r, o) -> TrainDocument.write(o.latex("train"), r))
            .add(MARKDOWN, (r, o) -> TrainDocument.write(new MarkdownDoc(), r))
            .add(HTML, (r, o) -> TrainDocument.write(new HtmlDoc(o.fragment(), "train", o.math()), r))
            .build();
}
