package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties: any split of a valid pipeline parses the same; garbage only ever yields protocol errors. */
class RespParserPropertiesTest {
    @Property(tries = 200)
    void shouldParseAnySplitOfAPipelineIdentically(@ForAll("pipelines") List<List<String>> commands,
                                                    @ForAll("cutSeeds") List<Integer> seeds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (List<String> cmd : commands) {
            out.writeBytes(("*" + cmd.size() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (String a : cmd) {
                byte[] b = a.getBytes(StandardCharsets.ISO_8859_1);
                out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(b);
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        byte[] bytes = out.toByteArray();
        Set<Integer> cuts = new TreeSet<>();
        for (int s : seeds) {
            cuts.add(1 + Math.floorMod(s, Math.max(1, bytes.length - 1)));
        }
        cuts.removeIf(c -> c >= bytes.length);
        int[] at = cuts.stream().mapToInt(Integer::intValue).toArray();
        try (BufferPool pool = BufferPool.create()) {
            assertEquals(commands, RespHarness.parse(new RespParser(1 << 20), pool, bytes, at));
        }
    }

    @Property(tries = 500)
    void shouldReportGarbageOnlyAsAProtocolError(@ForAll("garbage") byte[] bytes,
                                                 @ForAll("cutSeeds") List<Integer> seeds) {
        int[] at = seeds.stream().mapToInt(s -> 1 + Math.floorMod(s, Math.max(1, bytes.length)))
            .filter(c -> c < bytes.length).sorted().distinct().toArray();
        List<List<String>> parsed;
        try (BufferPool pool = BufferPool.create()) {
            parsed = RespHarness.parse(new RespParser(64), pool, bytes, at);
        }
        for (int i = 0; i < parsed.size(); i++) {
            List<String> cmd = parsed.get(i);
            if (cmd.getFirst().equals("ERROR")) {
                assertEquals(parsed.size() - 1, i, "an error ends the parse");
                assertTrue(cmd.get(1).startsWith("Protocol error: "), cmd.get(1));
            }
        }
    }

    @Provide
    Arbitrary<List<List<String>>> pipelines() {
        Arbitrary<String> arg = Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(40);
        return arg.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Integer>> cutSeeds() {
        return Arbitraries.integers().list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<Byte> anyByte = Arbitraries.bytes();
        Arbitrary<Byte> resp = Arbitraries.of((byte) '*', (byte) '$', (byte) '\r', (byte) '\n', (byte) '1',
            (byte) '-', (byte) '0', (byte) '"', (byte) '\'', (byte) '\\', (byte) ' ', (byte) 'x');
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, anyByte), net.jqwik.api.Tuple.of(3, resp))
            .list().ofMaxSize(200).map(RespParserPropertiesTest::toBytes);
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] b = new byte[list.size()];
        List<Byte> copy = new ArrayList<>(list);
        for (int i = 0; i < b.length; i++) {
            b[i] = copy.get(i);
        }
        return b;
    }
}
