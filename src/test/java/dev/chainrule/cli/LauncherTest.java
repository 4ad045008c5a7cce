package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./chainrule} launcher script, run as a process against a copy of the repository layout with a
 * ready jar and no pom.xml (so it never starts a Maven build). Most tests use a fake {@code java} that
 * prints the arguments it got; {@link #realJvmAcceptsTheFlagsAndTheArchive} uses the real JVM and a tiny jar.
 */
class LauncherTest {
    private static final Path SCRIPT = Path.of(System.getProperty("basedir", ".")).resolve("chainrule");

    /** A {@code java} that logs archive dumps, prints the arguments of a normal run, and answers -version. */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            if [ "${1:-}" = -version ]; then
                echo "Picked up JAVA_TOOL_OPTIONS: -Dnoise=1" >&2
                echo "openjdk version \\"${FAKE_VERSION:-17.0.9}\\" 2023-10-17" >&2
                exit 0
            fi
            dump=
            for a in "$@"; do case $a in -XX:ArchiveClassesAtExit=*) dump=${a#*=} ;; esac; done
            if [ -n "$dump" ]; then
                printf '%s\\n' "${!#}" >> "$FAKE_LOG"
                [ -z "${FAKE_DUMP_FAIL:-}" ] || exit 1
                echo "archive" > "$dump"
                if [ "${!#}" = __warmup ] && [ -n "${FAKE_NO_WARMUP:-}" ]; then exit 2; fi
                exit 0
            fi
            printf '%s\\n' "$@"
            """;

    @TempDir
    Path tmp;
    Path repo;
    Path jdk;
    Path dumps;
    final Map<String, String> env = new HashMap<>();

    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String describe() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash is needed to test the launcher");
        assertTrue(Files.isRegularFile(SCRIPT), "the launcher is missing: " + SCRIPT.toAbsolutePath());
        repo = Files.createDirectories(tmp.resolve("repo"));
        Path script = repo.resolve("chainrule");
        Files.copy(SCRIPT, script);
        assertTrue(script.toFile().setExecutable(true));
        Files.createDirectories(repo.resolve("target"));
        Files.writeString(repo.resolve("target/chainrule.jar"), "not a real jar");

        jdk = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, FAKE_JAVA);
        assertTrue(java.toFile().setExecutable(true));
        dumps = tmp.resolve("dumps.log");

        env.put("JAVA_HOME", jdk.toString());
        env.put("FAKE_LOG", dumps.toString());
    }

    private Run launch(Path cwd, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("CHAINRULE_JAVA_OPTS");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the launcher did not finish within 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("chainrule").toString());
        command.addAll(List.of(args));
        return launch(tmp, command);
    }

    private List<String> dumpLog() throws IOException {
        return Files.exists(dumps) ? Files.readAllLines(dumps) : List.of();
    }

    private static void assertOneLineError(Run r, String mustContain) {
        assertEquals(2, r.exit(), r::describe);
        assertEquals("", r.out(), r::describe);
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1, r::describe);
        assertTrue(r.err().startsWith("chainrule: error: "), r::describe);
        assertTrue(r.err().contains(mustContain), r::describe);
    }

    @Test
    void passesArgumentsUnchangedFromAnyDirectoryAndThroughASymlink() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("elsewhere/bin"));
        Files.createSymbolicLink(bin.resolve("cr"), Path.of("../../repo/chainrule"));
        Path cwd = Files.createDirectories(tmp.resolve("work"));
        Run r = launch(cwd, List.of(bin.resolve("cr").toString(), "derive", "a b", "", "*", "--at", "x=1,y=2"));

        assertEquals(0, r.exit(), r::describe);
        assertEquals("", r.err(), r::describe);
        List<String> argv = r.lines();
        int jar = argv.indexOf("-jar");
        assertTrue(jar > 0, r::describe);
        assertEquals(repo.toRealPath().resolve("target/chainrule.jar").toString(), argv.get(jar + 1));
        assertEquals(List.of("derive", "a b", "", "*", "--at", "x=1,y=2"), argv.subList(jar + 2, argv.size()));
        List<String> flags = argv.subList(0, jar);
        for (String flag : List.of("-XX:+UseSerialGC", "-XX:MaxTenuringThreshold=0", "-XX:TieredStopAtLevel=1", "-Xss8m", "-Xshare:auto", "-Xmx2g",
                "-Dfile.encoding=UTF-8")) {
            assertTrue(flags.contains(flag), () -> flag + " missing\n" + r.describe());
        }
    }

    @Test
    void makesTheArchiveOnceWithTheWarmUpCommandAndThenUsesIt() throws Exception {
        Run first = launch("--version");
        assertEquals(0, first.exit(), first::describe);
        assertEquals("", first.err(), first::describe);
        assertEquals(List.of("__warmup"), dumpLog());
        String archiveFlag = "-XX:SharedArchiveFile=" + repo.toRealPath().resolve("target/chainrule.jsa");
        assertTrue(first.lines().contains(archiveFlag), first::describe);

        Run second = launch("--version");
        assertEquals(0, second.exit(), second::describe);
        assertEquals(List.of("__warmup"), dumpLog(), "the archive was made again");
        assertTrue(second.lines().contains(archiveFlag), second::describe);

        // a new jar (e.g. after mvn package) gets a new archive
        Files.setLastModifiedTime(repo.resolve("target/chainrule.jar"),
                FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals(0, launch("--version").exit());
        assertEquals(List.of("__warmup", "__warmup"), dumpLog());
    }

    @Test
    void fallsBackToVersionWhenThereIsNoWarmUpCommand() throws Exception {
        env.put("FAKE_NO_WARMUP", "1");
        Run r = launch("--version");
        assertEquals(0, r.exit(), r::describe);
        assertEquals("", r.err(), r::describe);
        assertEquals(List.of("__warmup", "--version"), dumpLog());
        assertTrue(r.lines().stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), r::describe);
    }

    @Test
    void aFailedArchiveIsSilentAndNotRetried() throws Exception {
        env.put("FAKE_DUMP_FAIL", "1");
        Run r = launch("--version");
        assertEquals(0, r.exit(), r::describe);
        assertEquals("", r.err(), r::describe);
        assertFalse(r.lines().stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), r::describe);
        assertEquals(List.of("__warmup", "--version"), dumpLog());

        assertEquals(0, launch("--version").exit());
        assertEquals(List.of("__warmup", "--version"), dumpLog(), "a failed archive is tried once per jar");
    }

    @Test
    void benchRunsWithTheFullJitAndExtraOptionsComeLast() throws Exception {
        env.put("CHAINRULE_JAVA_OPTS", "-Xmx3g -Dx=1");
        Run r = launch("bench");
        assertEquals(0, r.exit(), r::describe);
        List<String> argv = r.lines();
        assertFalse(argv.contains("-XX:TieredStopAtLevel=1"), r::describe);
        int jar = argv.indexOf("-jar");
        assertEquals(List.of("-Xmx3g", "-Dx=1"), argv.subList(jar - 2, jar), r::describe);
    }

    @Test
    void readsTheVersionPastJavaToolOptionsNoise() throws Exception {
        // no release file in the fake JDK: the launcher asks `java -version`, which prints "Picked up …" first
        env.put("FAKE_VERSION", "21.0.2");
        Run r = launch("--version");
        assertEquals(0, r.exit(), r::describe);
        assertEquals("", r.err(), r::describe);
    }

    @Test
    void rejectsJavaOlderThan17InOneLine() throws Exception {
        env.put("FAKE_VERSION", "11.0.22");
        assertOneLineError(launch("--version"), "Java 17 or newer is required");
        env.put("FAKE_VERSION", "1.8.0_392");
        assertOneLineError(launch("--version"), "Java 17 or newer is required");
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"16.0.2\"\n");
        env.put("FAKE_VERSION", "17.0.9");   // the release file wins
        assertOneLineError(launch("--version"), "Java 16.0.2");
    }

    @Test
    void saysSoInOneLineWhenThereIsNoJava() throws Exception {
        // before it looks for java the launcher uses only bash built-ins, so an empty PATH hides java
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        env.put("JAVA_HOME", null);
        env.put("PATH", empty.toString());
        String bash = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/usr/bin/bash";
        Run r = launch(tmp, List.of(bash, repo.resolve("chainrule").toString(), "--version"));
        assertOneLineError(r, "java not found");
    }

    @Test
    void realJvmAcceptsTheFlagsAndTheArchive() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isExecutable(javaHome.resolve("bin/java")), "no java executable in java.home");
        writeTinyJar(repo.resolve("target/chainrule.jar"));
        env.put("JAVA_HOME", javaHome.toString());
        env.put("LC_ALL", "C");   // arguments and output must still be UTF-8

        Run first = launch("a b", "σ");
        assertEquals(0, first.exit(), first::describe);
        assertTrue(Files.exists(repo.resolve("target/chainrule.jsa.key")), "no archive was tried");
        assertEquals("", first.err(), first::describe);
        assertEquals(List.of("UTF-8 ∂w₁₁⁽¹⁾", "[a b]", "[σ]"), first.lines(), first::describe);

        Run second = launch("x");
        assertEquals(List.of("UTF-8 ∂w₁₁⁽¹⁾", "[x]"), second.lines(), second::describe);
        assertEquals("", second.err(), second::describe);

        // an archive that no longer fits the jar is ignored without a word on stdout or stderr
        Path jar = repo.resolve("target/chainrule.jar");
        Path key = repo.resolve("target/chainrule.jsa.key");
        if (Files.exists(key)) {
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(key).toMillis() - 60_000));
        }
        Run third = launch("y");
        assertEquals(List.of("UTF-8 ∂w₁₁⁽¹⁾", "[y]"), third.lines(), third::describe);
        assertEquals("", third.err(), third::describe);
    }

    /** A jar whose Main-Class is {@link LauncherTestMain}: prints the output encoding and its arguments. */
    private static void writeTinyJar(Path jar) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherTestMain.class.getName());
        String entry = LauncherTestMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
                InputStream in = LauncherTest.class.getClassLoader().getResourceAsStream(entry)) {
            assertTrue(in != null, entry);
            jos.putNextEntry(new JarEntry(entry));
            in.transferTo(jos);
            jos.closeEntry();
        }
    }
}

/** The main class of the tiny jar used by {@link LauncherTest}. */
final class LauncherTestMain {
    private LauncherTestMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("__warmup")) {
            return;
        }
        System.out.println(System.getProperty("file.encoding") + " ∂w₁₁⁽¹⁾");
        for (String a : args) {
            System.out.println("[" + a + "]");
        }
    }
}
