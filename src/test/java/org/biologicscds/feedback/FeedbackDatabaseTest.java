package org.biologicscds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings an H2 file database is opened with: a small page cache (H2 keeps every page it
 * writes there; with its 16 MB default those pages outlived the young generation), unless the URL
 * says otherwise.
 */
class FeedbackDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void h2File_getsTheSmallPageCache() throws SQLException {
        try (FeedbackDatabase db = FeedbackDatabase.open(new DatabaseSettings("jdbc:h2:file:" + dir.resolve("small"), null, null))) {
            assertThat(setting(db, "CACHE_SIZE")).isEqualTo("1024");
            assertThat(setting(db, "info.CACHE_MAX_SIZE")).isEqualTo("1"); // MB
        }
    }

    @Test
    void h2File_keepsTheCacheItsUrlSets() throws SQLException {
        try (FeedbackDatabase db = FeedbackDatabase.open(
                new DatabaseSettings("jdbc:h2:file:" + dir.resolve("own") + ";cache_size=8192", null, null))) {
            assertThat(setting(db, "CACHE_SIZE")).isEqualTo("8192");
        }
    }

    private static String setting(FeedbackDatabase db, String name) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            assertThat(rows.next()).as(name).isTrue();
            return rows.getString(1);
        }
    }
}
