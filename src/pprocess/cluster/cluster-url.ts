// Cluster addresses: `redis://`, `rediss://` (TLS) and `unix:///path.sock`
// URLs, checked once and turned into Redis connection settings.
import { isAbsolute } from 'node:path';
import { ClusterError } from './errors.js';

/** Where Redis is, as parsed from a cluster URL. */
export interface ClusterAddress {
  /** The URL with any password masked, for messages and logs. */
  readonly display: string;
  readonly host?: string;
  readonly port?: number;
  /** A unix socket path, for `unix:` URLs. */
  readonly path?: string;
  readonly username?: string;
  readonly password?: string;
  readonly db: number;
  /** TLS, for `rediss:` URLs. */
  readonly tls: boolean;
}

/** The forms accepted, for error messages. */
export const CLUSTER_URL_FORMS = 'redis://[:password@]host:port[/db], rediss://[:password@]host:port[/db] (TLS) or unix:///absolute/path.sock';

/** The environment variable read for a password the URL does not give (keeps it out of process listings). */
export const PASSWORD_VARIABLE = 'PPROCESS_CLUSTER_PASSWORD';

/**
 * Parses a cluster URL; a `ClusterError` (`ERR_CLUSTER_URL`) says what was
 * expected. A password missing from the URL is taken from
 * `PPROCESS_CLUSTER_PASSWORD` when that is set.
 */
export function parseClusterUrl(text: string, env: NodeJS.ProcessEnv = process.env): ClusterAddress {
  const fail = (why: string): never => {
    throw new ClusterError('ERR_CLUSTER_URL', `Cluster URL ${JSON.stringify(mask(text))} ${why}; expected ${CLUSTER_URL_FORMS}`);
  };
  if (typeof text !== 'string') return fail('is not a string');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('is not a URL');
  }
  const password = url.password ? decodeURIComponent(url.password) : env[PASSWORD_VARIABLE] || undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const auth = { ...(username && { username }), ...(password && { password }) };
  if (url.protocol === 'unix:') {
    const path = decodeURIComponent(url.pathname);
    if (url.host !== '' || !isAbsolute(path) || path === '/') return fail('must name an absolute socket path after unix://');
    return { display: mask(text), path, db: 0, tls: false, ...auth };
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return fail(`has scheme ${url.protocol}`);
  if (!url.hostname) return fail('has no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,5}$/.test(dbText)) return fail(`has database ${JSON.stringify(dbText)}, not a number`);
  if (url.search || url.hash) return fail('has a query or fragment, which are not used');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { display: mask(text), host, port, db: Number(dbText || 0), tls: url.protocol === 'rediss:', ...auth };
}

// The URL with its password replaced by `***`.
function mask(text: string): string {
  return String(text).replace(/^([a-z]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
