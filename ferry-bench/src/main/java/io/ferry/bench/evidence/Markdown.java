package io.ferry.bench.evidence;

import java.util.List;
import java.util.Locale;

/**
 * Builds the evidence document: headings, paragraphs, command blocks and pipe tables whose cells
 * have their {@code |} escaped and their numbers right-aligned. Numbers are formatted here, with
 * {@link Locale#ROOT}, so the document reads the same on every machine.
 *
 * <p>Threads: one thread.
 */
public final class Markdown {
    private final StringBuilder text = new StringBuilder();

    /**
     * Adds a heading.
     *
     * @param level 1 for {@code #}, 2 for {@code ##}
     * @param title the heading's text
     * @return this
     */
    public Markdown heading(int level, String title) {
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
        return this;
    }

    /**
     * Adds a paragraph.
     *
     * @param paragraph the text, one line or more
     * @return this
     */
    public Markdown paragraph(String paragraph) {
        text.append(paragraph.strip()).append("\n\n");
        return this;
    }

    /**
     * Adds a fenced block, e.g. the command a table came from.
     *
     * @param code the block's lines
     * @return this
     */
    public Markdown code(String code) {
        text.append("```\n").append(code.strip()).append("\n```\n\n");
        return this;
    }

    /**
     * Adds a table; a column whose every cell is a number is right-aligned.
     *
     * @param headers column titles
     * @param rows    cells, each row as long as {@code headers}
     * @return this
     * @throws IllegalArgumentException when a row's length differs from the headers'
     */
    public Markdown table(List<String> headers, List<List<String>> rows) {
        for (List<String> r : rows) {
            if (r.size() != headers.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, headers "
                    + headers.size());
            }
        }
        StringBuilder align = new StringBuilder("|");
        for (int col = 0; col < headers.size(); col++) {
            int c = col;
            boolean numeric = !rows.isEmpty() && rows.stream().allMatch(r -> isNumber(r.get(c)));
            align.append(numeric ? "---:|" : "---|");
        }
        text.append(row(headers)).append(align).append('\n');
        for (List<String> r : rows) {
            text.append(row(r));
        }
        text.append('\n');
        return this;
    }

    /**
     * Adds an image.
     *
     * @param alt  its description
     * @param path relative to the document
     * @return this
     */
    public Markdown image(String alt, String path) {
        text.append("![").append(alt).append("](").append(path).append(")\n\n");
        return this;
    }

    /**
     * Formats a number for a cell.
     *
     * @param value    the number; NaN becomes {@code n/a}
     * @param decimals digits after the point
     * @return thousands separated by commas, e.g. {@code 12,345.6}
     */
    public static String num(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a"
            : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String row(List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return b.append('\n').toString();
    }

    private static boolean isNumber(String cell) {
        return cell.equals("n/a") || cell.matches("-?[0-9][0-9,]*(\\.[0-9]+)?( ?%)?");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
