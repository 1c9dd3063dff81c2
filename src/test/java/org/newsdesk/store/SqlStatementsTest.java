package org.newsdesk.store;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {
    @Test
    void aTriggerBodyAndASemicolonInALiteralStayInOneStatement() {
        String script = """
                CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b');
                -- a comment; with a semicolon
                CREATE TABLE log (msg TEXT);
                CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
                  INSERT INTO log VALUES ('it''s; new');
                  INSERT INTO log VALUES ("x;y");
                END;
                /* trailing; comment */
                """;
        List<String> statements = SqlStatements.split(script);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0)).endsWith("DEFAULT 'a;b')");
        assertThat(statements.get(2)).startsWith("CREATE TRIGGER").endsWith("END")
                .contains("('it''s; new');").contains("(\"x;y\");");
    }

    @Test
    void theSplitStatementsRunOnSqlite() throws Exception {
        String script = """
                CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b');
                CREATE TABLE log (msg TEXT);
                CREATE TEMP TRIGGER t_log AFTER INSERT ON t BEGIN
                  INSERT INTO log VALUES ('seen; ' || new.id);
                END;
                INSERT INTO t (id) VALUES (7);
                """;
        try (var c = DriverManager.getConnection("jdbc:sqlite::memory:"); var s = c.createStatement()) {
            for (String sql : SqlStatements.split(script)) {
                s.execute(sql);
            }
            try (var rs = s.executeQuery("SELECT note, (SELECT msg FROM log) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a;b");
                assertThat(rs.getString(2)).isEqualTo("seen; 7");
            }
        }
    }

    @Test
    void theShippedMigrationsSplitAsBefore() {
        // Every shipped migration is plain DDL without literals holding ';': the splitter finds what split(";") did.
        for (String m : Database.MIGRATIONS) {
            List<String> old = java.util.Arrays.stream(m.split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
            assertThat(SqlStatements.split(m)).isEqualTo(old);
        }
    }
}
