package io.securecomms.sample;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Writes and reads notes in PostgreSQL over verified TLS, and shows the TLS of the
 * database session.
 */
@RestController
class NotesController {

	private final JdbcClient jdbc;

	NotesController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@PostMapping("/api/notes")
	Map<String, Object> add(@RequestBody String text) {
		long id = this.jdbc.sql("INSERT INTO notes (text) VALUES (?) RETURNING id")
			.param(text)
			.query(Long.class)
			.single();
		return Map.of("id", id);
	}

	@GetMapping("/api/notes")
	Map<String, Object> list() {
		List<String> notes = this.jdbc.sql("SELECT text FROM notes ORDER BY id").query(String.class).list();
		Map<String, Object> tls = this.jdbc
			.sql("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
			.query()
			.singleRow();
		return Map.of("notes", notes, "databaseTls", tls);
	}

}
