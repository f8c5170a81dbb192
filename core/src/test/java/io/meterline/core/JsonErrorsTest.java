package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"value\": 1,                  | Unexpected end-of-input within/between Object entries (column 13)",
        "{\"value\": 1} {\"value\": 2}   | more follows the end of the JSON value (column 14)",
        "{\"value\": 1, \"value\": 2}    | Duplicate field 'value' (column 21)",
        "{'value': 1}                    | Unexpected character (''' (code 39)): was expecting double-quote to start field name (column 2)",
        "{\"value\": NaN}                | Non-standard token 'NaN' (column 14)",
        "{\"value\": 1 /* c */}          | Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (column 13)",
    })
    void saysWhatIsWrongAndWhereWithoutJacksonsHintsToProgrammers(String body, String reason) {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree(body.strip()));
        assertThat(JsonErrors.reason(e)).isEqualTo(reason).doesNotContain("`").doesNotContain("Source");
    }

    @Test
    void aLimitIsNamedWithoutTheSettingThatHoldsIt() {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree("[".repeat(1001)));
        assertThat(JsonErrors.reason(e)).startsWith("Document nesting depth (1001) exceeds the maximum allowed (1000)")
                .doesNotContain("`").doesNotContain("StreamReadConstraints");
    }

    @Test
    void namesTheLineOfABodyOfSeveralLines() {
        JacksonException e = catchThrowableOfType(JacksonException.class, () -> Json.MAPPER.readTree("[1,\n2,,]"));
        assertThat(JsonErrors.reason(e)).endsWith("(line 2, column 3)").doesNotContain("`");
    }
}
