/**
 * The command line (picocli): one class per command ({@code explain}, {@code derive}, {@code check},
 * {@code train}, {@code import}, {@code bench}, {@code warmup}) that parses options, calls the engine and
 * hands the result to the renderer its {@code --format} names in {@link dev.chainrule.render.Formats}. No
 * mathematics lives here. Bad input ends as one {@link dev.chainrule.UserError} line and exit 2
 * ({@link dev.chainrule.cli.Main}); the commands, options and exit codes users see are documented in
 * {@code docs/reference.md} §2 and §5 and in the README.
 */
package dev.chainrule.cli;
