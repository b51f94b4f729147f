package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.buffer.BufferPool;
import io.ferry.servers.FuzzInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

// Purpose: any bytes, however they are split into reads, get the same responses from the HTTP request reader
// (no request smuggled in or lost by a split), a request boundary resets it completely, and the reader's
// invariants hold (see ReaderDriver). Seeds: HttpRequestFuzzTestInputs; without JAZZER_FUZZ only they run.
class HttpRequestFuzzTest {
    /** One pool for all executions (a pool per execution would cost more than the parsing). */
    private static final BufferPool POOL = BufferPool.create();

    // Tokens the parser compares byte by byte. A file, as @DictionaryEntries writes CR and LF unescaped into the
    // dictionary libFuzzer reads line by line (Jazzer 0.30: 'ParseDictionaryFile: error in line 1').
    @DictionaryFile(resourcePath = "HttpRequestFuzzTest.dict")
    @FuzzTest(maxDuration = "30s")
    void shouldAnswerAnySplitOfAnyBytesAlike(byte[] raw) {
        FuzzInput in = FuzzInput.of(raw);
        List<String> whole = new ReaderDriver(POOL).read(in.bytes());
        assertEquals(whole, new ReaderDriver(POOL).read(FuzzInput.pieces(in.bytes(), in.cuts())),
            "cut at " + Arrays.toString(in.cuts()));
        ReaderDriver first = new ReaderDriver(POOL);
        List<String> joined = new ArrayList<>(first.read(in.head()));
        if (first.idle()) {
            joined.addAll(new ReaderDriver(POOL).read(in.tail()));
            assertEquals(joined, whole, "what follows a complete request reads as on a new connection (joint "
                + in.joint() + ")");
        }
        assertEquals(0, POOL.stats().inUse(), "buffers not released");
    }
}
