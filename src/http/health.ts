import type { PaperStore } from '../core/ports.js';
import type { Logger } from '../shared/logger.js';
import { type RouteHandler, sendJson } from './http-server.js';

/**
 * `GET /healthz`: 200 with the store state and the last ingest outcome, 503 when the database
 * cannot be read. `mode` names the running adapters (`discord:http+slack:socket`) or `preview`.
 */
export function createHealthHandler(deps: {
  store: PaperStore;
  logger: Logger;
  version: string;
  mode: () => string;
}): RouteHandler {
  return (_req, res) => {
    let papers: number | null = null;
    try {
      papers = deps.store.countPapers();
    } catch (error) {
      deps.logger.error('health check: store unavailable', { error });
    }
    const ok = papers !== null;
    const last = ok ? deps.store.lastRun() : null;
    sendJson(res, ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      version: deps.version,
      store: { ok, papers: papers ?? 0 },
      lastIngest: last && {
        day: last.day,
        status: last.status,
        finishedAt: last.finishedAt,
        counts: last.counts,
        ...(last.status === 'failed' ? { errorCode: last.errorCode, reason: last.reason } : {}),
      },
      mode: deps.mode(),
    });
  };
}
