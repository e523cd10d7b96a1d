/**
 * Work for a client that has gone away is not started. SvelteKit's request
 * signal does not fire for a GET whose client disconnects (adapter-node waits
 * for a body that never comes), so the socket of the Node request
 * (`event.platform.req`) is watched instead: when it closes before the answer
 * is ready, the request's signal aborts.
 *
 * The signal travels with the request's asynchronous work (AsyncLocalStorage),
 * so the data layer can refuse to start a new computation for a departed client
 * (`throwIfClientGone`) without every function passing it along. Work shared
 * between requests (a cached computation others may be waiting for) runs
 * outside any request (`sharedWork`) and is never cut short.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';

/** Thrown where work stops because its client has gone; answered with 499 (client closed request) and not logged as an error. */
export class ClientGone extends Error {
	constructor() {
		super('De client heeft de verbinding verbroken.');
		this.name = 'ClientGone';
	}
}

const scope = new AsyncLocalStorage<AbortSignal>();

export interface WatchedClient {
	/** Aborts when the client's connection closes before `done()`. */
	signal: AbortSignal;
	/** The answer is ready: stop watching (a keep-alive socket serves the next request). */
	done(): void;
}

/** Watches the connection of a Node request; without one (tests, dev tools) a signal that never aborts. */
export function watchClient(req: IncomingMessage | undefined): WatchedClient {
	const controller = new AbortController();
	const socket = req?.socket;
	if (!socket) return { signal: controller.signal, done: () => {} };
	if (socket.destroyed) {
		controller.abort(new ClientGone());
		return { signal: controller.signal, done: () => {} };
	}
	const onClose = () => controller.abort(new ClientGone());
	socket.once('close', onClose);
	return { signal: controller.signal, done: () => socket.off('close', onClose) };
}

/** Runs a request's work with its signal in scope. */
export function withClient<T>(signal: AbortSignal, work: () => T): T {
	return scope.run(signal, work);
}

/** Throws ClientGone when the current request's client has gone away. */
export function throwIfClientGone(): void {
	if (scope.getStore()?.aborted) throw new ClientGone();
}

/** Runs work that other requests may share outside the current request, so that its client leaving does not stop it. */
export function sharedWork<T>(work: () => T): T {
	return scope.exit(work);
}
