package app.highway.store;

import app.highway.config.PromptHistory;
import app.highway.config.SharedDocuments;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What every bridge of a fleet shares besides the calls (V5): the call settings and the price table as
 * versioned documents ({@code shared_documents}), the system-message versions as rows
 * ({@code prompt_versions}), on the call store's connections. Both writes are one statement that either
 * takes effect or says another bridge came first: an update of a document only at the version the writer
 * read, an insert of a version number only if no bridge took it ({@code ON CONFLICT DO NOTHING}, in
 * SQLite and PostgreSQL alike).
 */
public final class SqlSharedSettings implements SharedDocuments, PromptHistory.Rows {
    private final DataSource writer;
    private final DataSource reader;

    SqlSharedSettings(DataSource writer, DataSource reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Optional<Document> read(String name) {
        return Transactions.read(reader, "read the shared " + name, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT body, version FROM shared_documents WHERE name = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new Document(rs.getString(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean write(String name, long expected, String json, Instant at) {
        return Transactions.run(writer, "save the shared " + name, c -> {
            String sql = expected == 0
                    ? "INSERT INTO shared_documents (body, saved_at, version, name) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (name) DO NOTHING"
                    : "UPDATE shared_documents SET body = ?, saved_at = ?, version = ? WHERE name = ? AND version = ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, json);
                p.setLong(2, at.toEpochMilli());
                p.setLong(3, expected + 1);
                p.setString(4, name);
                if (expected != 0) {
                    p.setLong(5, expected);
                }
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<PromptHistory.Version> all() {
        return Transactions.read(reader, "read the system-message versions", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT version, saved_at, instructions, "
                    + "verification_template, saved_by FROM prompt_versions ORDER BY version");
                    ResultSet rs = q.executeQuery()) {
                List<PromptHistory.Version> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new PromptHistory.Version(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3), rs.getString(4), rs.getString(5)));
                }
                return all;
            }
        });
    }

    @Override
    public boolean insert(PromptHistory.Version v) {
        return Transactions.run(writer, "save system-message version " + v.version(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO prompt_versions (version, saved_at, "
                    + "instructions, verification_template, saved_by) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (version) DO NOTHING")) {
                p.setInt(1, v.version());
                p.setLong(2, v.savedAt().toEpochMilli());
                p.setString(3, v.instructions());
                p.setString(4, v.verificationTemplate());
                p.setString(5, v.savedBy());
                return p.executeUpdate() == 1;
            }
        });
    }
}
