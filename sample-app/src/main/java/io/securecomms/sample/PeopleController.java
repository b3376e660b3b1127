package io.securecomms.sample;

import java.util.List;
import java.util.Map;

import javax.naming.directory.Attributes;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.ldap.query.LdapQueryBuilder.query;

/**
 * Reads people from the directory over LDAPS, through Boot's {@link LdapTemplate} and the
 * starter's sockets (verified TLS, counted on the {@code ldap} channel).
 */
@RestController
class PeopleController {

	private final LdapTemplate ldap;

	PeopleController(LdapTemplate ldap) {
		this.ldap = ldap;
	}

	@GetMapping("/api/people")
	Map<String, Object> list() {
		List<String> people = this.ldap.search(query().base("ou=people").where("objectClass").is("inetOrgPerson"),
				(AttributesMapper<String>) (Attributes attributes) -> (String) attributes.get("cn").get());
		return Map.of("people", people.stream().sorted().toList(), "base", DevelopmentDirectory.PEOPLE);
	}

}
