package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void textStartingWithAFormulaCharacterGetsAQuote() {
        for (String cell : new String[] {"=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"}) {
            assertThat(CsvCells.neutralise(cell)).isEqualTo("'" + cell);
            assertThat(CsvCells.restore(CsvCells.neutralise(cell))).isEqualTo(cell);
        }
    }

    @Test
    void harmlessTextIsUntouchedBothWays() {
        for (String cell : new String[] {"", "a=b", "host-1", "'quoted", "'", "é=", " =x"}) {
            assertThat(CsvCells.neutralise(cell)).isEqualTo(cell);
            assertThat(CsvCells.restore(cell)).isEqualTo(cell);
        }
    }
}
