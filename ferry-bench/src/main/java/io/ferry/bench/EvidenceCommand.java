package io.ferry.bench;

import io.ferry.bench.evidence.Evidence;
import io.ferry.bench.evidence.EvidenceSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench evidence}: measures the claims of issue 18 on this machine (memory per
 * connection in user space and the kernel, kernel entries and batching, copies, which threads did
 * the work) and writes {@code docs/EVIDENCE.md} plus charts in {@code docs/evidence/}.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Measure readiness vs completion claims here; write docs/EVIDENCE.md and charts.")
public final class EvidenceCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A few minutes: 2,000 connections, 1.5 s windows, smaller files.")
    private boolean quick;

    @Option(names = "--out", defaultValue = "docs/EVIDENCE.md",
        description = "Document to write (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--dir", defaultValue = "target/evidence-files",
        description = "Scratch directory for the file workload (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        EvidenceSettings settings = quick ? EvidenceSettings.quick() : EvidenceSettings.full();
        long t0 = System.nanoTime();
        new Evidence(settings, line -> System.out.printf("[%4.0f s] %s%n", (System.nanoTime() - t0) / 1e9, line))
            .run(out, "./ferry bench evidence" + (quick ? " --quick" : ""), dir);
        return 0;
    }
}
