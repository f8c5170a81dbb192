package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BySymbolIndex answers as a map would, for indexes in its array and far beyond it. */
class BySymbolIndexTest {

    @Test
    void answersAsAMap() {
        Random random = new Random(3);
        BySymbolIndex<Integer> values = new BySymbolIndex<>();
        Map<Integer, Integer> reference = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int index = random.nextBoolean() ? random.nextInt(200) : random.nextInt(2_000_000);
            if (random.nextBoolean()) {
                values.put(index, i);
                reference.put(index, i);
            }
            assertThat(values.get(index)).as("index %d", index).isEqualTo(reference.get(index));
        }
        assertThat(values.get(1_999_999_999)).isNull();
    }
}
