package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.BufferPool;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser reads RESP arrays and inline commands and words protocol errors like Redis 7. */
@Timeout(10)
class RespParserTest {
    private final BufferPool pool = BufferPool.create();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private List<List<String>> parse(String input, long maxBulk, int... cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        return RespHarness.parse(new RespParser(maxBulk), pool, bytes, cuts);
    }

    private List<List<String>> parse(String input) {
        return parse(input, RespServer.DEFAULT_MAX_BULK);
    }

    @Test
    void shouldParseArraysOfBulkStringsIncludingBinaryAndEmptyOnes() {
        assertEquals(List.of(List.of("SET", "k\r\n\0", ""), List.of("GET", "k")),
            parse("*3\r\n$3\r\nSET\r\n$4\r\nk\r\n\0\r\n$0\r\n\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"));
    }

    @Test
    void shouldSplitInlineCommandsLikeRedis() {
        assertEquals(List.of(List.of("SET", "a b", "x\ny", "A", "it's"), List.of("PING")),
            parse("SET  \"a b\" \"x\\ny\"\t\"\\x41\" 'it\\'s'\r\nPING\n"));
    }

    @Test
    void shouldSkipEmptyLinesAndEmptyArrays() {
        assertEquals(List.of(List.of("PING"), List.of("PING")), parse("\r\n  \r\n*0\r\n*-1\r\nPING\r\n\nPING\r\n"));
    }

    @Test
    void shouldResumeACommandCutAnywhere() {
        String cmd = "*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\nPING\r\n";
        for (int cut = 1; cut < cmd.length(); cut++) {
            assertEquals(List.of(List.of("ECHO", "hello"), List.of("PING")), parse(cmd, 100, cut), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*abc\\r\\n|invalid multibulk length",
        "*3000000000\\r\\n|invalid multibulk length",
        "*1\\r\\nx\\r\\n|expected '$', got 'x'",
        "*1\\r\\n\\r\\n|expected '$', got ' '",
        "*1\\r\\n$-1\\r\\n|invalid bulk length",
        "*1\\r\\n$01\\r\\nx\\r\\n|invalid bulk length",
        "*1\\r\\n$11\\r\\n|invalid bulk length",
        "\"unbalanced\\r\\n|unbalanced quotes in request",
        "\"a\"b\\r\\n|unbalanced quotes in request",
    })
    void shouldReportProtocolErrorsInRedisWords(String input, String error) {
        String unescaped = input.replace("\\r", "\r").replace("\\n", "\n");
        assertEquals(List.of(List.of("ERROR", "Protocol error: " + error)), parse(unescaped, 10));
    }

    @Test
    void shouldRefuseLinesLongerThanRedisInlineLimit() {
        String big = "x".repeat(RespParser.INLINE_MAX + 1);
        assertEquals(List.of(List.of("ERROR", "Protocol error: too big inline request")), parse(big));
        assertEquals(List.of(List.of("ERROR", "Protocol error: too big mbulk count string")), parse("*" + big));
        assertEquals(List.of(List.of("ERROR", "Protocol error: too big bulk count string")), parse("*1\r\n$" + big));
    }
}
