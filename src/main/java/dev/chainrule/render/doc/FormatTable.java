package dev.chainrule.render.doc;

import dev.chainrule.UserError;
import dev.chainrule.derive.Steps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats one command writes, each with the function that renders that command's result {@code R} in it, in
 * the order --help lists them. A format the table lacks is a {@link UserError}, never a fallback to text.
 */
public final class FormatTable<R> {
    /**
     * What the command line adds to the result: {@code --fragment}, {@code --brief}, {@code --math}, and the LaTeX
     * display line in characters from {@code --width}/{@code --font-size} (0: the format's own, {@link LineWidth}).
     */
    public record Options(boolean fragment, Steps.Detail detail, HtmlMath math, int line) {
        /** With the HTML page's math as MathML, each format on its own line. */
        public Options(boolean fragment, Steps.Detail detail) {
            this(fragment, detail, HtmlMath.MATHML, 0);
        }

        /** With the HTML page's math as asked, each format on its own line. */
        public Options(boolean fragment, Steps.Detail detail, HtmlMath math) {
            this(fragment, detail, math, 0);
        }

        /** A whole document ({@code false}) or a fragment, derivations in full. */
        public static Options of(boolean fragment) {
            return new Options(fragment, Steps.Detail.FULL);
        }

        /** The LaTeX writer these options ask for. */
        public LatexDoc latex(String command) {
            return new LatexDoc(fragment, command, line);
        }
    }

    /** Renders a result in one format. */
    @FunctionalInterface
    public interface Renderer<R> {
        String render(R result, Options options);

        /**
         * Writes the document to {@code out}: piece by piece for a renderer added with {@link Builder#streamed}
         * (a document of 50 MB is never held whole), else the rendered string at once. Write errors are the
         * writer's: they pass through as they are.
         */
        default void write(R result, Options options, java.io.Writer out) throws java.io.IOException {
            out.write(render(result, options));
        }
    }

    /** A renderer that writes its document to a {@link java.io.Writer} as it goes. */
    @FunctionalInterface
    public interface Streamed<R> {
        void write(R result, Options options, java.io.Writer out) throws java.io.IOException;
    }

    private final Map<Format, Renderer<R>> renderers;
    private final String refusal;

    private FormatTable(Map<Format, Renderer<R>> renderers, String refusal) {
        this.renderers = renderers;
        this.refusal = refusal;
    }

    public static <R> Builder<R> builder() {
        return new Builder<>();
    }

    /** The formats offered, in --help order. */
    public List<Format> formats() {
        return List.copyOf(renderers.keySet());
    }

    /** The renderer of {@code format}; one the command does not offer is a one-line {@link UserError}. */
    public Renderer<R> renderer(Format format) {
        Renderer<R> r = renderers.get(format);
        if (r == null) {
            throw new UserError(refusal != null ? refusal : "--format " + format.id()
                    + " is not available for this command (use one of: "
                    + String.join(", ", formats().stream().map(Format::id).toList()) + ")");
        }
        return r;
    }

    public String render(Format format, R result, Options options) {
        return renderer(format).render(result, options);
    }

    /** Lists a command's formats once. */
    public static final class Builder<R> {
        private final Map<Format, Renderer<R>> renderers = new LinkedHashMap<>();
        private String refusal;

        private Builder() {
        }

        public Builder<R> add(Format format, Renderer<R> renderer) {
            if (renderers.putIfAbsent(format, renderer) != null) {
                throw new IllegalArgumentException(format + " listed twice");
            }
            return this;
        }

        /**
         * A format whose renderer streams; {@link Renderer#render} collects what it writes into a string (tests,
         * callers that want the document whole), {@link Renderer#write} passes the writer on.
         */
        public Builder<R> streamed(Format format, Streamed<R> streamed) {
            return add(format, new Renderer<R>() {
                @Override
                public String render(R result, Options options) {
                    BuilderWriter out = new BuilderWriter(1 << 16);
                    try {
                        streamed.write(result, options, out);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e); // a BuilderWriter does not fail
                    }
                    return out.toString();
                }

                @Override
                public void write(R result, Options options, java.io.Writer out) throws java.io.IOException {
                    streamed.write(result, options, out);
                }
            });
        }

        /** The message for a format not offered, in place of the standard one. */
        public Builder<R> refusal(String message) {
            refusal = message;
            return this;
        }

        public FormatTable<R> build() {
            return new FormatTable<>(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renderers)), refusal);
        }
    }
}
