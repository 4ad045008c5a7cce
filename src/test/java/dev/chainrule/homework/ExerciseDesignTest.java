package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exercise variants: the same seed gives the same variant; every slip of every answer is distinct from the truth
 * and from every other slip (diagnosable by design), and each slip's number names that slip and nothing else.
 */
class ExerciseDesignTest {
    private static final String XOR = "notes/xor-relu-sigmoid-bce.yaml";
    private static final String DEEP = "notes/deep-xor-relu-tanh-sigmoid-bce.yaml";

    /** Two parameters may not share an answer at the sheet's digits, up to sign: a student could copy the other row. */
    @Test
    void noTwoParametersShareAnAnswer() {
        Map<String, List<SlipCatalogue.Slip>> none = Map.of("a", List.of(), "b", List.of());
        java.util.LinkedHashMap<String, Double> same = new java.util.LinkedHashMap<>();
        same.put("a", 0.31694);
        same.put("b", -0.31688); // −0.3169 at 4 digits
        assertTrue(String.valueOf(ExerciseDesign.clash(same, none)).contains("have the same answer"));
        java.util.LinkedHashMap<String, Double> apart = new java.util.LinkedHashMap<>();
        apart.put("a", 0.31694);
        apart.put("b", 0.31684); // 0.3168 at 4 digits: told apart
        assertEquals(null, ExerciseDesign.clash(apart, none));
    }

    @Test
    void sameSeedSameVariant() throws Exception {
        String t = Files.readString(Path.of(XOR));
        ExerciseDesign.Variant a = ExerciseDesign.draw(t, 3, 11);
        ExerciseDesign.Variant b = ExerciseDesign.draw(t, 3, 11);
        assertEquals(a.yaml(), b.yaml());
        assertEquals(a.answers(), b.answers());
    }

    @Test
    void everySlipIsDistinctOverManySeeds() throws Exception {
        String t = Files.readString(Path.of(XOR));
        for (long seed = 1; seed <= 40; seed++) {
            assertDiagnosable(ExerciseDesign.draw(t, 1, seed), "seed " + seed);
        }
    }

    @Test
    void aDeeperNetCataloguesMissingPathsAndTransposedWeights() throws Exception {
        String t = Files.readString(Path.of(DEEP));
        for (long seed = 1; seed <= 6; seed++) {
            ExerciseDesign.Variant v = ExerciseDesign.draw(t, 1, seed);
            assertDiagnosable(v, "seed " + seed);
            Set<String> names = v.slips().get("w[1,1,1]").stream().map(SlipCatalogue.Slip::name).collect(Collectors.toSet());
            // w[1,1,1] feeds both units of layer 2 (two paths) and W⁽²⁾ is square
            assertTrue(names.containsAll(List.of("missing_path@1", "missing_path@2", "sign", "missing_1/N",
                    "activation_not_derivative@2", "missing_factor@2")), names::toString);
            assertTrue(names.contains("wrong_index@W2") || names.contains("wrong_index@W3"), names::toString);
            // the last layer's weights have one path and nothing above them to transpose
            Set<String> top = v.slips().get("w[3,1,1]").stream().map(SlipCatalogue.Slip::name).collect(Collectors.toSet());
            assertFalse(top.stream().anyMatch(n -> n.startsWith("missing_path") || n.startsWith("wrong_index@W")), top::toString);
        }
    }

    @Test
    void aMissingPathIsTheGradientLessThatPathsTerm() throws Exception {
        ExerciseDesign.Variant v = ExerciseDesign.draw(Files.readString(Path.of(DEEP)), 1, 1);
        double truth = v.answers().get("w[1,1,1]");
        double one = slip(v, "w[1,1,1]", "missing_path@1").value();
        double two = slip(v, "w[1,1,1]", "missing_path@2").value();
        // the two paths through layer 2 add up to the gradient
        assertEquals(truth, one + two, 1e-12 * Math.max(1, Math.abs(truth)));
    }

    @Test
    void aSwappedIndexIsTheOtherWeightsGradient() throws Exception {
        ExerciseDesign.Variant v = ExerciseDesign.draw(Files.readString(Path.of(XOR)), 7, 1);
        assertEquals(v.answers().get("w[1,2,1]"), slip(v, "w[1,1,2]", "wrong_index@w[1,2,1]").value());
        assertTrue(v.slips().get("w[1,1,1]").stream().noneMatch(s -> s.name().startsWith("wrong_index@w")),
                "w[1,1,1] has no other index order");
    }

    @Test
    void aNumberNamesASlipOnlyWithinTheDesignTolerance() throws Exception {
        ExerciseDesign.Variant v = ExerciseDesign.draw(Files.readString(Path.of(XOR)), 7, 1);
        double truth = v.answers().get("w[1,1,1]");
        assertEquals(Optional.of("sign"), ExerciseDesign.slip(v, "w[1,1,1]", -truth * 1.019).map(SlipCatalogue.Slip::name));
        assertEquals(Optional.empty(), ExerciseDesign.slip(v, "w[1,1,1]", -truth * 1.021).map(SlipCatalogue.Slip::name));
        assertEquals(Optional.empty(), ExerciseDesign.slip(v, "w[1,1,1]", truth * 1.01), "close to the truth is no slip");
    }

    private static SlipCatalogue.Slip slip(ExerciseDesign.Variant v, String param, String name) {
        return v.slips().get(param).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(param + " has no slip " + name + ": " + v.slips().get(param)));
    }

    private static void assertDiagnosable(ExerciseDesign.Variant v, String what) {
        for (Map.Entry<String, Double> a : v.answers().entrySet()) {
            List<Double> all = new ArrayList<>(List.of(a.getValue()));
            v.slips().get(a.getKey()).forEach(s -> all.add(s.value()));
            for (int i = 0; i < all.size(); i++) {
                for (int j = i + 1; j < all.size(); j++) {
                    assertFalse(ExerciseDesign.close(all.get(i), all.get(j)), what + " " + a.getKey() + " " + v.slips());
                }
            }
            for (SlipCatalogue.Slip s : v.slips().get(a.getKey())) {
                assertEquals(Optional.of(s.name()), ExerciseDesign.slip(v, a.getKey(), s.value()).map(SlipCatalogue.Slip::name));
                assertFalse(s.what().matches(".*\\d\\.\\d.*"), "a slip's brief shows no value: " + s.what());
            }
        }
    }
}
