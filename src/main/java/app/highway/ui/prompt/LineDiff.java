package app.highway.ui.prompt;

import java.util.ArrayList;
import java.util.List;

/** A line-based diff (longest common subsequence), small texts only: system messages and templates. */
final class LineDiff {
    private LineDiff() {
    }

    /** "- " lines only in {@code before}, "+ " lines only in {@code after}, "  " lines in both. */
    static String diff(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("  ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.append("- ").append(a.get(i++)).append('\n');
            } else {
                out.append("+ ").append(b.get(j++)).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : new ArrayList<>(List.of(text.split("\\R", -1)));
    }
}
