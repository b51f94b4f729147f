package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the evidence document's writer: headings, paragraphs, code blocks, tables with numeric columns
// right-aligned and pipes escaped, a short row refused, and numbers formatted the same on every machine.
@Timeout(10)
class MarkdownTest {
    @Test
    void shouldWriteATableWithNumbersRightAligned() {
        String text = new Markdown().heading(2, "Memory").paragraph("  some text \n").code("./ferry x")
            .table(List.of("variant", "bytes", "share"), List.of(List.of("io_uring", "1,234", "12 %"),
                List.of("a|b", "n/a", "7 %"))).toString();
        assertEquals("""
            ## Memory

            some text

            ```
            ./ferry x
            ```

            | variant | bytes | share |
            |---|---:|---:|
            | io_uring | 1,234 | 12 % |
            | a\\|b | n/a | 7 % |

            """, text);
    }

    @Test
    void shouldRefuseARowOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class,
            () -> new Markdown().table(List.of("a", "b"), List.of(List.of("only one"))));
    }

    @Test
    void shouldFormatNumbersWithoutLocale() {
        assertEquals("12,345.7", Markdown.num(12345.67, 1));
        assertEquals("-3", Markdown.num(-3.2, 0));
        assertEquals("n/a", Markdown.num(Double.NaN, 2));
        assertEquals("![chart](evidence/memory.png)\n\n", new Markdown().image("chart", "evidence/memory.png")
            .toString());
    }
}
