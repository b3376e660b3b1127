package io.securecomms.actuate;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/securecomms}: the posture report, read-only.
 */
@Endpoint(id = "securecomms")
public class SecureCommsEndpoint {

	private final PostureAssembler assembler;

	public SecureCommsEndpoint(PostureAssembler assembler) {
		this.assembler = assembler;
	}

	@ReadOperation
	public PostureReport posture() {
		return this.assembler.report();
	}

}
