package io.securecomms.jvm;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.securecomms.jvm.JvmDefaultTls.Installation;
import io.securecomms.jvm.JvmDefaultTls.Values;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installations stack: whatever order they close in, the last close puts back the JVM's
 * originals, and a slot someone else changed meanwhile is left alone.
 */
class JvmDefaultTlsTests {

	private final Holder slots = new Holder(values("original"));

	private final JvmDefaultTls jvm = new JvmDefaultTls(this.slots);

	@Test
	void closingInReverseOrderRestoresEachPrevious() {
		Values a = values("a");
		Values b = values("b");
		Installation first = this.jvm.push(a);
		Installation second = this.jvm.push(b);
		assertThat(this.slots.values).isEqualTo(b);

		second.close();
		assertThat(this.slots.values).isEqualTo(a);
		first.close();
		assertThat(this.slots.values).isEqualTo(this.slots.original);
		assertThat(this.jvm.size()).isZero();
	}

	@Test
	void closingTheFirstWhileTheSecondRunsLeavesTheSecondAndTheLastCloseRestoresTheOriginals() {
		Installation first = this.jvm.push(values("a"));
		Values b = values("b");
		Installation second = this.jvm.push(b);

		first.close();
		assertThat(this.slots.values).isEqualTo(b);
		second.close();
		assertThat(this.slots.values).isEqualTo(this.slots.original);
	}

	@Test
	void closingTheMiddleOfThreeHandsItsPreviousOn() {
		Installation first = this.jvm.push(values("a"));
		Installation middle = this.jvm.push(values("b"));
		Installation last = this.jvm.push(values("c"));

		middle.close();
		last.close();
		assertThat(this.slots.values.context()).isSameAs(first.ours().context());
		first.close();
		first.close();
		assertThat(this.slots.values).isEqualTo(this.slots.original);
	}

	@Test
	void aSlotSomeoneElseChangedIsNotOursToRestore() {
		Values ours = values("a");
		Installation installation = this.jvm.push(ours);
		HostnameVerifier theirs = (host, session) -> false;
		this.slots.values = new Values(ours.context(), ours.socketFactory(), theirs);

		installation.close();
		assertThat(this.slots.values.context()).isSameAs(this.slots.original.context());
		assertThat(this.slots.values.socketFactory()).isSameAs(this.slots.original.socketFactory());
		assertThat(this.slots.values.hostnameVerifier()).isSameAs(theirs);
	}

	@Test
	void theJvmsOwnSlotsComeBack() throws Exception {
		SSLContext context = SSLContext.getDefault();
		SSLSocketFactory factory = HttpsURLConnection.getDefaultSSLSocketFactory();
		HostnameVerifier verifier = HttpsURLConnection.getDefaultHostnameVerifier();
		SSLContext other = SSLContext.getInstance("TLS");
		other.init(null, null, null);
		SSLSocketFactory sockets = other.getSocketFactory();
		try (Installation installation = JvmDefaultTls.install(new Values(other, sockets, new HostNameCheck()))) {
			assertThat(SSLContext.getDefault()).isSameAs(other);
			assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(sockets);
			assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isInstanceOf(HostNameCheck.class);
		}
		assertThat(SSLContext.getDefault()).isSameAs(context);
		assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(factory);
		assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isSameAs(verifier);
	}

	private static Values values(String name) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, null, null);
			return new Values(context, context.getSocketFactory(), (host, session) -> false);
		}
		catch (Exception ex) {
			throw new IllegalStateException(name, ex);
		}
	}

	private static final class Holder implements JvmDefaultTls.Slots {

		private final Values original;

		private Values values;

		Holder(Values original) {
			this.original = original;
			this.values = original;
		}

		@Override
		public Values read() {
			return this.values;
		}

		@Override
		public void write(Values values) {
			this.values = values;
		}

	}

}
