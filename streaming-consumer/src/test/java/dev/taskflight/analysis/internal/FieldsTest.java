package dev.taskflight.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldsTest {

    @ParameterizedTest
    @CsvSource({
        "[I, int[]",
        "[[J, long[][]",
        "[Ljava.lang.String;, java.lang.String[]",
        "[[Ljava.lang.Object;, java.lang.Object[][]",
        "java.lang.Object, java.lang.Object",
        "[Q, [Q",
    })
    void jvmClassNamesAreWrittenAsJavaWritesThem(String jvm, String java) {
        assertThat(Fields.javaName(jvm)).isEqualTo(java);
    }
}
