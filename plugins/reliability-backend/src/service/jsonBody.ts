import { CustomErrorBase, InputError } from '@backstage/errors';
import { MAX_SLI_EVENTS_PER_BATCH } from '@reliability-kit/plugin-reliability-common';
import express, { ErrorRequestHandler, RequestHandler, Router } from 'express';
import { MAX_DEPLOYMENTS_PER_REQUEST } from '../deployments/parseDeploymentEvents';

/** A request body over the size limit: HTTP 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A request body that is not JSON: HTTP 415. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/** What to do with a batch that is too large, per ingestion route. */
const SPLIT_HINTS: Record<string, string> = {
  '/v1/sli-events': `send at most ${MAX_SLI_EVENTS_PER_BATCH.toLocaleString(
    'en-US',
  )} events per batch`,
  '/v1/deployments': `send at most ${MAX_DEPLOYMENTS_PER_REQUEST.toLocaleString(
    'en-US',
  )} deployments per request`,
};

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Parses JSON request bodies up to `limit` (bytes, or a string such as
 * `5mb`) and answers what body-parser rejects with a clear error: 413 with
 * the limit and how to split the batch, 400 for invalid JSON (without
 * echoing the body back, as body-parser's error would), 415 for a body that
 * is not JSON or not UTF-8.
 */
export function jsonBody(limit: string | number): Router {
  const router = express.Router();
  const requireJson: RequestHandler = (req, _res, next) => {
    // An empty body (Content-Length: 0) is no body, whatever its type;
    // req.is() is false for a body of another type.
    const empty =
      req.headers['transfer-encoding'] === undefined &&
      Number(req.headers['content-length'] ?? 0) === 0;
    if (!empty && req.is('application/json') === false) {
      const type = req.headers['content-type'];
      next(
        new UnsupportedMediaTypeError(
          `Unsupported request body type ${
            type ? JSON.stringify(type.slice(0, 100)) : '(none)'
          }: send JSON with the header Content-Type: application/json`,
        ),
      );
      return;
    }
    next();
  };
  const explain: ErrorRequestHandler = (error, req, _res, next) => {
    const hint = SPLIT_HINTS[req.path];
    switch (error?.type) {
      case 'entity.too.large': {
        // The size is known from Content-Length; a streamed or compressed
        // body is cut off once it passes the limit.
        const size = Number(error.expected);
        next(
          new PayloadTooLargeError(
            `Request body${
              Number.isFinite(size) ? ` of ${megabytes(size)}` : ''
            } is over the limit of ${megabytes(
              Number(error.limit),
            )}; split it into smaller requests${hint ? ` (${hint})` : ''}`,
          ),
        );
        return;
      }
      case 'entity.parse.failed':
        next(
          new InputError(
            `Request body is not a JSON object or array: ${String(
              error.message,
            ).slice(0, 200)}`,
          ),
        );
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        next(
          new UnsupportedMediaTypeError(
            `${String(error.message).slice(
              0,
              200,
            )}: send UTF-8 JSON, uncompressed or with gzip or deflate`,
          ),
        );
        return;
      case 'request.aborted':
      case 'request.size.invalid':
        next(
          new InputError(
            `Request body was not received whole: ${error.message}`,
          ),
        );
        return;
      default:
        next(error);
    }
  };
  router.use(requireJson, express.json({ limit }), explain);
  return router;
}
