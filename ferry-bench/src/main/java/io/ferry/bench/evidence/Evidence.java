package io.ferry.bench.evidence;

import io.ferry.backend.UringReceiveStrategy;
import io.ferry.bench.files.FileSystemCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One evidence run: measures every claim on every available {@link Variant}, then writes
 * {@code EVIDENCE.md} and its charts. A part that fails is reported in the document, not hidden.
 *
 * <p>Threads: one thread; it starts servers (in this process and in others) and stops them all.
 */
public final class Evidence {
    private final EvidenceSettings settings;
    private final Consumer<String> progress;

    /**
     * @param settings how big the run is
     * @param progress receives one line per step
     */
    public Evidence(EvidenceSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs everything and writes the document.
     *
     * @param document  the Markdown file to write, e.g. {@code docs/EVIDENCE.md}
     * @param command   the command line to print in the document
     * @param scratch   a directory for the file workload
     * @return the document's path
     * @throws Exception when writing fails or the run is interrupted
     */
    public Path run(Path document, String command, Path scratch) throws Exception {
        EvidenceReport.Context context = EvidenceReport.Context.now(command, settings);
        List<Variant> variants = Variant.available();
        progress.accept("variants: " + variants.stream().map(Variant::name).toList() + "; load average at start "
            + context.loadAverage());
        List<String> notes = new ArrayList<>();
        List<MemoryEvidence.Row> memory = MemoryEvidence.run(variants, settings.connections(), progress);
        List<BatchingEvidence.Row> batching = BatchingEvidence.run(variants, settings.connectionCounts(),
            settings.seconds(), progress);
        List<Variant> perBackend = Variant.onePerBackend(variants);
        List<Variant> checked = variants.stream().filter(v -> perBackend.contains(v)
            || v.receive() == UringReceiveStrategy.PROBE_THEN_READ).toList(); // the probe's reads are system calls
        List<SyscallCheck.Row> syscalls = SyscallCheck.run(checked, Math.max(1, settings.seconds()), progress, notes);
        List<ThreadEvidence.Row> threads = new ArrayList<>(ThreadEvidence.sockets(variants, settings.seconds(),
            progress));
        Files.createDirectories(scratch);
        String fsWarning = FileSystemCheck.warning(scratch);
        notes.add("The file workload ran in " + scratch.toAbsolutePath() + " (" + Files.getFileStore(scratch).type()
            + ")" + (fsWarning == null ? "." : ": " + fsWarning));
        threads.addAll(ThreadEvidence.files(perBackend, ThreadEvidence.fileScenarios(settings.fileCount(),
            settings.fileSize()), scratch, progress, notes));
        Path charts = document.resolveSibling("evidence");
        List<Path> pngs = new ArrayList<>();
        pngs.add(EvidenceCharts.memory(memory, charts));
        pngs.add(EvidenceCharts.batching(batching, charts));
        pngs.add(EvidenceCharts.threads(threads, charts));
        String text = new EvidenceReport(context, document.getParent() == null ? Path.of(".") : document.getParent())
            .write(memory, batching, syscalls, threads, pngs, notes);
        Files.createDirectories(document.toAbsolutePath().getParent());
        Files.writeString(document, text);
        progress.accept("written: " + document + " and " + pngs.stream().filter(p -> p != null).toList());
        return document;
    }
}
