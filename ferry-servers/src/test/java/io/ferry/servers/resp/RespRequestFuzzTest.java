package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.buffer.BufferPool;
import io.ferry.servers.FuzzInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

// Purpose: any bytes, however they are split into reads, parse to the same RESP commands (arrays, bulk strings,
// inline commands) and the same protocol error, a command boundary resets the parser completely, and the
// parser's invariants hold (see RespDriver). Seeds: RespRequestFuzzTestInputs; without JAZZER_FUZZ only they run.
class RespRequestFuzzTest {
    /** One pool for all executions (a pool per execution would cost more than the parsing). */
    private static final BufferPool POOL = BufferPool.create();

    // Tokens the parser compares byte by byte. A file, as @DictionaryEntries writes CR and LF unescaped into the
    // dictionary libFuzzer reads line by line (Jazzer 0.30: 'ParseDictionaryFile: error in line 1').
    @DictionaryFile(resourcePath = "RespRequestFuzzTest.dict")
    @FuzzTest(maxDuration = "30s")
    void shouldParseAnySplitOfAnyBytesAlike(byte[] raw) {
        FuzzInput in = FuzzInput.of(raw);
        List<List<String>> whole = new RespDriver(POOL).read(in.bytes());
        assertEquals(whole, new RespDriver(POOL).read(FuzzInput.pieces(in.bytes(), in.cuts())),
            "cut at " + Arrays.toString(in.cuts()));
        RespDriver first = new RespDriver(POOL);
        List<List<String>> joined = new ArrayList<>(first.read(in.head()));
        if (first.idle()) {
            joined.addAll(new RespDriver(POOL).read(in.tail()));
            assertEquals(joined, whole, "what follows a complete command parses as on a new connection (joint "
                + in.joint() + ")");
        }
        assertEquals(0, POOL.stats().inUse(), "buffers not released");
    }
}
