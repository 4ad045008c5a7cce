package dev.chainrule.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exercise variants: the same seed gives the same variant; every slip of every answer is distinct (diagnosable by design). */
class ExerciseDesignTest {
    private static final String TEMPLATE = "notes/xor-relu-sigmoid-bce.yaml";

    @Test
    void sameSeedSameVariant() throws Exception {
        String t = Files.readString(Path.of(TEMPLATE));
        ExerciseDesign.Variant a = ExerciseDesign.draw(t, 3, 11);
        ExerciseDesign.Variant b = ExerciseDesign.draw(t, 3, 11);
        assertEquals(a.yaml(), b.yaml());
        assertEquals(a.answers(), b.answers());
    }

    @Test
    void everySlipIsDistinctOverManySeeds() throws Exception {
        String t = Files.readString(Path.of(TEMPLATE));
        for (long seed = 1; seed <= 40; seed++) {
            ExerciseDesign.Variant v = ExerciseDesign.draw(t, 1, seed);
            for (Map.Entry<String, Double> a : v.answers().entrySet()) {
                List<Double> all = new ArrayList<>(List.of(a.getValue()));
                all.addAll(v.slips().get(a.getKey()).values());
                for (int i = 0; i < all.size(); i++) {
                    for (int j = i + 1; j < all.size(); j++) {
                        assertFalse(ExerciseDesign.close(all.get(i), all.get(j)), "seed " + seed + " " + a.getKey() + " " + v.slips());
                    }
                }
                // each slip's number names that slip
                for (Map.Entry<String, Double> s : v.slips().get(a.getKey()).entrySet()) {
                    assertEquals(s.getKey(), ExerciseDesign.name(v, a.getKey(), s.getValue()));
                }
            }
        }
    }
}
