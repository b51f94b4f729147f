package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: ss -tmn skmem fields are summed per socket (r + w + f + o charged, r queued; limits ignored), on one
// line or the next, /proc/net/sockstat's TCP mem is read in pages, and /proc/slabinfo's io_kiocb and
// eventpoll_epi caches are summed as active objects times object size.
@Timeout(10)
class SocketMemoryTest {
    @Test
    void shouldSumSkmemOfEverySocket() {
        String ss = """
            0      4096   127.0.0.1:40000 127.0.0.1:51000
            \t skmem:(r4352,rb131072,t0,tb2626560,f3840,w0,o0,bl0,d0)
            0      0      127.0.0.1:40000 127.0.0.1:51001 skmem:(r0,rb131072,t10,tb2626560,f4096,w512,o64,bl0,d2)
            """;
        SocketMemory.Sum sum = SocketMemory.parseSs(ss);
        assertEquals(2, sum.sockets());
        assertEquals(4352, sum.receiveQueue());
        assertEquals(4352 + 3840 + 4096 + 512 + 64, sum.charged());
    }

    @Test
    void shouldSumNothingForNoSockets() {
        assertEquals(new SocketMemory.Sum(0, 0, 0), SocketMemory.parseSs(""));
    }

    @Test
    void shouldReadTcpPagesFromSockstat() {
        String sockstat = """
            sockets: used 16
            TCP: inuse 1 orphan 0 tw 9947 alloc 1 mem 37
            UDP: inuse 0 mem 5
            """;
        assertEquals(37, SocketMemory.parseSockstatPages(sockstat));
        assertEquals(-1, SocketMemory.parseSockstatPages("UDP: inuse 0 mem 5\n"));
    }

    @Test
    void shouldSumActiveBytesOfTheModelSlabs() {
        String slabinfo = """
            slabinfo - version: 2.1
            # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables ...
            io_kiocb             224    240    256   16    1 : tunables    0    0    0 : slabdata     14     14      0
            TCP                   79    130   2368   13    8 : tunables    0    0    0 : slabdata     10     10      0
            eventpoll_epi        189    384    128   32    1 : tunables    0    0    0 : slabdata     12     12      0
            """;
        assertEquals(224 * 256 + 189 * 128, SocketMemory.parseSlabBytes(slabinfo, SocketMemory.MODEL_SLABS));
        assertEquals(0, SocketMemory.parseSlabBytes("", SocketMemory.MODEL_SLABS));
    }
}
