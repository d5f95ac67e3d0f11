// Picks the undici dispatcher: the caller's own, an explicit proxy (VS Code's http.proxy), or the
// environment's HTTPS_PROXY/HTTP_PROXY/NO_PROXY, else a plain keep-alive Agent.
import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';

export interface ProxyOptions {
  dispatcher?: Dispatcher | undefined;
  proxy?: string | undefined;
  noProxy?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

const AGENT_OPTS = { connections: 32, keepAliveTimeout: 10_000, connectTimeout: 15_000 } as const;

export function hasEnvProxy(env: NodeJS.ProcessEnv): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(k => (env[k] ?? '') !== '');
}

export function createDispatcher(o: ProxyOptions = {}): {
  dispatcher: Dispatcher;
  owned: boolean;
  kind: 'given' | 'proxy' | 'env-proxy' | 'direct';
} {
  if (o.dispatcher) return { dispatcher: o.dispatcher, owned: false, kind: 'given' };
  const env = o.env ?? process.env;
  if (o.proxy) {
    const noProxy = o.noProxy ?? env.NO_PROXY ?? env.no_proxy;
    // With a NO_PROXY list, EnvHttpProxyAgent routes each origin (itself built on ProxyAgent);
    // without one, every request goes through the ProxyAgent.
    const dispatcher = noProxy
      ? new EnvHttpProxyAgent({ ...AGENT_OPTS, httpProxy: o.proxy, httpsProxy: o.proxy, noProxy })
      : new ProxyAgent({ ...AGENT_OPTS, uri: o.proxy });
    return { dispatcher, owned: true, kind: 'proxy' };
  }
  if (hasEnvProxy(env)) {
    const httpProxy = env.HTTP_PROXY || env.http_proxy || undefined;
    const httpsProxy = env.HTTPS_PROXY || env.https_proxy || httpProxy;
    const noProxy = env.NO_PROXY ?? env.no_proxy;
    return {
      dispatcher: new EnvHttpProxyAgent({
        ...AGENT_OPTS,
        ...(httpProxy && { httpProxy }),
        ...(httpsProxy && { httpsProxy }),
        ...(noProxy !== undefined && { noProxy }),
      }),
      owned: true,
      kind: 'env-proxy',
    };
  }
  return { dispatcher: new Agent(AGENT_OPTS), owned: true, kind: 'direct' };
}
