package dev.chainrule.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.UserError;
import dev.chainrule.cli.CliTestSupport;
import dev.chainrule.network.NetworkAnalysis;
import dev.chainrule.network.spec.Activation;
import dev.chainrule.network.spec.Loss;
import dev.chainrule.network.spec.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void parsesSizes() {
        assertArrayEquals(new int[] {784, 128, 10}, Benchmark.parseSize("784-128-10"));
        assertArrayEquals(new int[] {2, 1}, Benchmark.parseSize(" 2 - 1 "));
        for (String bad : List.of("", "3", "2-x-1", "2--1", "0-1", "2-2-", "-1-2", "100000-100000-1")) {
            UserError e = assertThrows(UserError.class, () -> Benchmark.parseSize(bad), bad);
            assertTrue(e.getMessage().startsWith("--sizes"), e.getMessage());
        }
    }

    @Test
    void benchmarkNetworksFollowTheOutputWidth() {
        Benchmark b = new Benchmark(0, 1, 1);
        NetworkSpec one = b.spec(new int[] {4, 8, 1});
        assertEquals(Activation.RELU, one.layer(1).activation());
        assertEquals(Activation.SIGMOID, one.outputLayer().activation());
        assertEquals(Loss.BCE, one.loss());
        NetworkSpec ten = b.spec(new int[] {4, 8, 10});
        assertEquals(Activation.SOFTMAX, ten.outputLayer().activation());
        assertEquals(Loss.CE, ten.loss());
        assertEquals(1, ten.data().size());
    }

    @Test
    void measuresAndPrintsATable() {
        Benchmark b = new Benchmark(1, 3, 1, Benchmark.Clock.CPU);
        List<Benchmark.Row> rows = b.run(List.of(new int[] {2, 2, 1}, new int[] {3, 4, 3}), null);
        assertEquals(2, rows.size());
        Benchmark.Row r = rows.get(0);
        assertEquals("2-2-1", r.shape());
        assertEquals(9, r.parameters());
        assertTrue(r.buildNanos() > 0 && r.lossNanos() > 0 && r.gradientNanos() > 0, r.toString());
        assertEquals(new NetworkAnalysis(b.spec(new int[] {2, 2, 1})).loss(), r.loss(), 0.0);
        String table = Benchmark.markdown(rows);
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        assertTrue(lines[0].startsWith("| network | parameters |"), table);
        assertTrue(lines[2].startsWith("| 2-2-1 | 9 |"), table);
        assertTrue(lines[3].startsWith("| 3-4-3 | 31 |"), table);
    }

    @Test
    void cli() {
        CliTestSupport.Result r = CliTestSupport.run("bench", "--sizes", "2-2-1,2-3-2", "--repeat", "1", "--warmup", "0");
        CliTestSupport.assertExit(0, r);
        assertTrue(r.out().contains("| 2-2-1 | 9 |") && r.out().contains("| 2-3-2 | 17 |"), r.describe());
        CliTestSupport.assertOneLineError(CliTestSupport.run("bench", "--sizes", "2-0-1"));
        CliTestSupport.assertOneLineError(CliTestSupport.run("bench", "--repeat", "0"));
        CliTestSupport.assertOneLineError(CliTestSupport.run("bench", "--clock", "sundial"));
    }

    @Test
    void phasesAndScale() {
        Benchmark b = new Benchmark(0, 1, 1, Benchmark.Clock.CPU);
        List<Benchmark.Phase> phases = b.phases(new int[] {3, 4, 2}, 2);
        assertEquals("parse YAML", phases.get(0).name());
        assertEquals("one loss evaluation", phases.get(phases.size() - 1).name());
        String table = Benchmark.phasesMarkdown(phases);
        assertTrue(table.startsWith("| phase | ms | × one loss evaluation |"), table);
        List<Benchmark.ScaleRow> rows = b.scale(List.of(new int[] {2, 2, 1}, new int[] {3, 4, 3}), List.of(1, 3), null);
        assertEquals(4, rows.size());
        assertEquals(3, rows.get(1).samples());
        assertEquals(31, rows.get(3).parameters());
        String scale = Benchmark.scaleMarkdown(rows);
        assertEquals(6, scale.split("\n").length, scale);
        assertTrue(scale.contains("| 3-4-3 | 31 | 3 |"), scale);
    }

    @Test
    void writesTheBenchmarkSpecAndTheOtherModesRun() {
        CliTestSupport.Result r = CliTestSupport.run("bench", "--write-spec", "3-4-2", "--samples", "2");
        CliTestSupport.assertExit(0, r);
        NetworkSpec read = dev.chainrule.network.spec.SpecLoader.parse(r.out(), "bench.yaml");
        assertEquals(Benchmark.spec(new int[] {3, 4, 2}, 2, 1).parameterVector().length, read.parameterCount());
        assertEquals(2, read.data().size());
        assertEquals(new NetworkAnalysis(Benchmark.spec(new int[] {3, 4, 2}, 2, 1)).loss(),
                new NetworkAnalysis(read).loss(), 0.0);
        CliTestSupport.assertExit(0, CliTestSupport.run("bench", "--phases", "2-3-1", "--warmup", "0", "--repeat", "1"));
        CliTestSupport.Result s = CliTestSupport.run("bench", "--scale", "--sizes", "2-2-1", "--scale-samples", "1,2",
                "--warmup", "0", "--repeat", "1");
        CliTestSupport.assertExit(0, s);
        assertTrue(s.out().contains("| 2-2-1 | 9 | 2 |"), s.describe());
        CliTestSupport.assertOneLineError(CliTestSupport.run("bench", "--write-spec", "2-x-1"));
        CliTestSupport.assertOneLineError(CliTestSupport.run("bench", "--scale", "--scale-samples", "0"));
    }
}
