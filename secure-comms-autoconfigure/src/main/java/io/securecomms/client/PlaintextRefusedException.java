package io.securecomms.client;

import org.apache.hc.client5.http.ClientProtocolException;

/**
 * An {@code http://} request refused before any byte was sent.
 */
public class PlaintextRefusedException extends ClientProtocolException {

	public PlaintextRefusedException(String url) {
		super("secure-comms refused a plaintext request to " + url
				+ ": it would not be encrypted. Use https://, or allow plaintext HTTP for this application with "
				+ "secure.comms.client.allow-plaintext=true");
	}

}
