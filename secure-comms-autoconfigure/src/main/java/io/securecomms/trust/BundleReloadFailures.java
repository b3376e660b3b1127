package io.securecomms.trust;

import java.util.function.BiConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

/**
 * Counts the reloaded SSL bundles that {@link ReloadingSslMaterial} refused on
 * {@code secure.comms.bundle.reload.failures{bundle=<name>}} (bundle names come from
 * configuration: a bounded set). A replacement Boot cannot read at all never reaches the
 * starter: Boot logs it at ERROR and keeps the previous bundle.
 */
public final class BundleReloadFailures implements MeterBinder, AutoCloseable {

	public static final String RELOAD_FAILURES = "secure.comms.bundle.reload.failures";

	private final ReloadingSslMaterial material;

	private final BiConsumer<String, String> listener = this::failed;

	private volatile @Nullable MeterRegistry registry;

	public BundleReloadFailures(SslBundles bundles) {
		this.material = ReloadingSslMaterial.of(bundles);
		this.material.onFailure(this.listener);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
	}

	private void failed(String bundle, String problem) {
		MeterRegistry registry = this.registry;
		if (registry != null) {
			Counter.builder(RELOAD_FAILURES)
				.description("Reloaded SSL bundles refused (the previous material stays in use)")
				.tag("bundle", bundle)
				.register(registry)
				.increment();
		}
	}

	@Override
	public void close() {
		this.material.removeFailureListener(this.listener);
	}

}
