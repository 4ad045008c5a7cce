package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.network.spec.NetworkSpec;
import dev.chainrule.network.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --save SPEC.yaml}: the trained network as a spec that loads back and trains on where the run stopped. */
class TrainSaveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XOR = "notes/xor-relu-sigmoid-bce.yaml";

    @TempDir
    Path dir;

    private static JsonNode finalParameters(String... args) throws Exception {
        CliTestSupport.Result r = CliTestSupport.run(args);
        CliTestSupport.assertExit(0, r);
        return JSON.readTree(r.out()).get("parameters");
    }

    @Test
    void twoEpochsSavedThenThreeMoreAreFiveEpochs() throws Exception {
        Path saved = dir.resolve("trained.yaml");
        CliTestSupport.Result first = CliTestSupport.run("train", XOR, "--epochs", "2", "--learning-rate", "0.5",
                "--save", saved.toString());
        CliTestSupport.assertExit(0, first);
        NetworkSpec spec = SpecLoader.load(saved);
        assertEquals(0.5, spec.learningRate(), "the run's learning rate is saved");
        assertEquals("XOR network", spec.name());
        JsonNode resumed = finalParameters("train", saved.toString(), "--epochs", "3", "--format", "json");
        JsonNode straight = finalParameters("train", XOR, "--epochs", "5", "--learning-rate", "0.5", "--format", "json");
        assertEquals(straight.size(), resumed.size());
        for (int p = 0; p < straight.size(); p++) {
            assertEquals(straight.get(p).get("value").asDouble(), resumed.get(p).get("value").asDouble(), 0.0,
                    "parameter " + p + ": SGD is stateless, so the saved spec resumes the run exactly");
        }
        // the saved values are the run's final parameters, exactly
        JsonNode two = finalParameters("train", XOR, "--epochs", "2", "--learning-rate", "0.5", "--format", "json");
        double[] flat = spec.parameterVector();
        for (int p = 0; p < flat.length; p++) {
            assertEquals(two.get(p).get("value").asDouble(), flat[p], 0.0);
        }
    }

    @Test
    void aMissingFolderIsOneLineExit2AndNothingIsTrained() {
        CliTestSupport.Result r = CliTestSupport.run("train", XOR, "--epochs", "2", "--save",
                dir.resolve("no/such/folder/t.yaml").toString());
        CliTestSupport.assertOneLineError(r);
        assertTrue(r.err().contains("does not exist"), r::describe);
        CliTestSupport.assertOneLineError(CliTestSupport.run("train", XOR, "--epochs", "2", "--save", dir.toString()));
    }

    @Test
    void aDivergedRunSavesNothing() throws Exception {
        Path saved = dir.resolve("diverged.yaml");
        CliTestSupport.Result r = CliTestSupport.run("train", "notes/linear-regression.yaml", "--epochs", "200",
                "--learning-rate", "1000", "--save", saved.toString());
        CliTestSupport.assertExit(1, r);
        assertTrue(r.err().contains("--save: nothing written"), r::describe);
        assertFalse(Files.exists(saved));
    }

    @Test
    void theSavedSpecHasThePermissionsOfAnyNewFile() throws Exception {
        Path saved = dir.resolve("perm.yaml");
        CliTestSupport.assertExit(0, CliTestSupport.run("train", XOR, "--epochs", "1", "--save", saved.toString()));
        Path plain = Files.createFile(dir.resolve("plain.yaml"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved),
                "the umask's permissions, not a temporary file's owner-only ones");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aReadOnlyTargetOrFolderIsRefusedBeforeTraining() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write any file");
        Path readOnly = Files.writeString(dir.resolve("ro.yaml"), "# kept\n");
        assertTrue(readOnly.toFile().setWritable(false, false));
        Path lockedFolder = Files.createDirectory(dir.resolve("locked"));
        assertTrue(lockedFolder.toFile().setWritable(false, false));
        try {
            for (String[] args : List.of(new String[] {"--save", readOnly.toString()},
                    new String[] {"--save", lockedFolder.resolve("t.yaml").toString()},
                    new String[] {"--plot", lockedFolder.resolve("loss.png").toString()})) {
                java.util.List<String> all = new java.util.ArrayList<>(List.of("train", XOR, "--epochs", "2"));
                all.addAll(List.of(args));
                CliTestSupport.Result r = CliTestSupport.run(all.toArray(String[]::new));
                CliTestSupport.assertOneLineError(r);
                assertTrue(r.err().contains(": permission denied (") && r.err().contains("nothing was trained"), r::describe);
                assertEquals("", r.out(), "nothing was trained");
            }
            assertEquals("# kept\n", Files.readString(readOnly));
            // -o of explain: the reason once, after the path once
            CliTestSupport.Result r = CliTestSupport.run("explain", "-o", readOnly.toString());
            CliTestSupport.assertOneLineError(r);
            assertTrue(r.err().strip().endsWith("cannot write " + readOnly + ": permission denied"), r::describe);
        } finally {
            lockedFolder.toFile().setWritable(true);
            readOnly.toFile().setWritable(true);
        }
    }
}
