package dev.chainrule.network.spec;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Finds the line where SnakeYAML's composer stopped for a limit (it does not say), by replaying the event stream,
 * which is flat: no aliases are expanded and nothing recurses.
 */
final class YamlLimits {

    private YamlLimits() {
    }

    /** The line of the first alias to a list or mapping beyond {@link SpecLoader#MAX_ALIASES}, or 0. */
    static int lineOfExcessAlias(String text, LoaderOptions options) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliases = 0;
        try {
            Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
            for (Event e = parser.getEvent(); !(e instanceof StreamEndEvent); e = parser.getEvent()) {
                if (e instanceof AliasEvent alias) {
                    if (collectionAnchors.contains(alias.getAnchor()) && ++aliases > SpecLoader.MAX_ALIASES) {
                        return e.getStartMark().getLine() + 1;
                    }
                } else if (e instanceof NodeEvent node && node.getAnchor() != null) {
                    if (e instanceof CollectionStartEvent) {
                        collectionAnchors.add(node.getAnchor());
                    } else {
                        collectionAnchors.remove(node.getAnchor());
                    }
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The line where lists and mappings first nest deeper than {@link SpecLoader#MAX_NESTING_DEPTH}, or 0. */
    static int lineOfExcessNesting(String text, LoaderOptions options) {
        int depth = 0;
        try {
            Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
            for (Event e = parser.getEvent(); !(e instanceof StreamEndEvent); e = parser.getEvent()) {
                if (e instanceof CollectionStartEvent && ++depth > SpecLoader.MAX_NESTING_DEPTH) {
                    return e.getStartMark().getLine() + 1;
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The 1-based line of character {@code position}. */
    static int lineAt(String text, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
