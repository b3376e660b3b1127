package io.securecomms.trust;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.securecomms.metrics.PeerText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The current, validated material of each SSL bundle an outbound channel uses: the one
 * mechanism behind certificate rotation for every channel. Boot calls the update handler
 * this registers once per bundle when a bundle with {@code reload-on-update: true}
 * changes on disk; the replacement is validated ({@link BundleValidation}) before it is
 * swapped in. A broken replacement (key not matching its certificate, weak key, no key
 * store where there was one) keeps the previous material, is logged at WARN with the
 * bundle's name and reported to the failure listeners (the
 * {@code secure.comms.bundle.reload.failures} counter). Consumers read {@link #current}
 * for every new connection (see {@link ReloadingSslContext}) and may listen for swaps to
 * redo what they derived (generated store files).
 * <p>
 * One instance per {@link SslBundles} (per application context), kept weakly: nothing
 * here refers back to the registry, so a closed context's material goes with it.
 */
public final class ReloadingSslMaterial {

	private static final Log logger = LogFactory.getLog(ReloadingSslMaterial.class);

	private static final Map<SslBundles, ReloadingSslMaterial> instances = new WeakHashMap<>();

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final List<BiConsumer<String, String>> failureListeners = new CopyOnWriteArrayList<>();

	private final List<WeakReference<Runnable>> swapListeners = new ArrayList<>();

	private ReloadingSslMaterial() {
	}

	/** The material of {@code bundles}' registry, created on first use. */
	public static ReloadingSslMaterial of(SslBundles bundles) {
		synchronized (instances) {
			return instances.computeIfAbsent(bundles, (key) -> new ReloadingSslMaterial());
		}
	}

	/**
	 * The bundle's current validated material, watched from now on.
	 * @throws org.springframework.boot.ssl.NoSuchSslBundleException if there is no such
	 * bundle
	 */
	public Current current(SslBundles bundles, String name) {
		Entry entry = this.entries.get(name);
		if (entry == null) {
			entry = this.entries.computeIfAbsent(name, (key) -> {
				Entry created = new Entry(name, bundles.getBundle(name));
				bundles.addBundleUpdateHandler(name, created::update);
				return created;
			});
		}
		return entry.current;
	}

	/**
	 * {@code listener} gets the bundle's name and what is wrong with each refused
	 * replacement.
	 */
	public void onFailure(BiConsumer<String, String> listener) {
		this.failureListeners.add(listener);
	}

	/** Removes a listener added with {@link #onFailure}. */
	public void removeFailureListener(BiConsumer<String, String> listener) {
		this.failureListeners.remove(listener);
	}

	/**
	 * {@code listener} runs after each swap of any bundle; it is held weakly, so whoever
	 * registers it keeps it (as long as what it updates lives).
	 */
	public void onSwap(Runnable listener) {
		synchronized (this.swapListeners) {
			this.swapListeners.add(new WeakReference<>(listener));
		}
	}

	private void swapped() {
		List<Runnable> listeners = new ArrayList<>();
		synchronized (this.swapListeners) {
			for (Iterator<WeakReference<Runnable>> it = this.swapListeners.iterator(); it.hasNext();) {
				Runnable listener = it.next().get();
				if (listener == null) {
					it.remove();
				}
				else {
					listeners.add(listener);
				}
			}
		}
		for (Runnable listener : listeners) {
			try {
				listener.run();
			}
			catch (RuntimeException ex) {
				logger.warn(
						"Applying a reloaded SSL bundle failed: " + PeerText.escape(String.valueOf(ex.getMessage())),
						ex);
			}
		}
	}

	/**
	 * One bundle's material.
	 *
	 * @param generation increases with each swap (0: as the application started)
	 * @param bundle the validated bundle
	 */
	public record Current(long generation, SslBundle bundle) {
	}

	private final class Entry {

		private final String name;

		private volatile Current current;

		Entry(String name, SslBundle bundle) {
			this.name = name;
			this.current = new Current(0, bundle);
		}

		synchronized void update(SslBundle replacement) {
			Optional<String> problem = BundleValidation.problem(this.current.bundle(), replacement);
			if (problem.isPresent()) {
				logger.warn("SSL bundle '" + PeerText.escape(this.name) + "' was replaced by broken material: "
						+ problem.get() + "; the previous certificate and trust stay in use for new connections. "
						+ "Fix the files of spring.ssl.bundle.*." + PeerText.escape(this.name)
						+ " (the key must match the certificate and meet the policy); they are reloaded on the "
						+ "next change.");
				failed(problem.get());
				return;
			}
			this.current = new Current(this.current.generation() + 1, replacement);
			logger.info("SSL bundle '" + PeerText.escape(this.name) + "' reloaded: new outbound connections use "
					+ "its new material");
			swapped();
		}

		private void failed(String problem) {
			for (BiConsumer<String, String> listener : ReloadingSslMaterial.this.failureListeners) {
				try {
					listener.accept(this.name, problem);
				}
				catch (RuntimeException ex) {
					logger.debug("Reload failure listener failed", ex);
				}
			}
		}

	}

}
