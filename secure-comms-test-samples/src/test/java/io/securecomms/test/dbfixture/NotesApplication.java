package io.securecomms.test.dbfixture;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A user's application with a database (PostgreSQL) and the starter. */
@SpringBootApplication
public class NotesApplication {

}
