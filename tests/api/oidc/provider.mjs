// A real OpenID provider for the tests of `serve`'s bearer tokens: npm's oidc-provider (a
// certified implementation) issuing client-credentials access tokens as JWTs for a resource.
//
//   node provider.mjs PORT KEYS_DIR GENERATION
//
// Signs with key GENERATION (made in KEYS_DIR if missing) and publishes it and the one
// before it in its JWKS, as an issuer rotating its keys does. Prints "ready" once listening.
// The modules are found in $OIDC_MODULES (an npm install of package.json beside this file).
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [port, keysDir, generationText] = process.argv.slice(2);
const generation = Number(generationText);
const modules = process.env.OIDC_MODULES;
const { default: Provider } = await import(
  pathToFileURL(join(modules, 'oidc-provider', 'lib', 'index.js')).href
);

function key(n) {
  const path = join(keysDir, `key-${n}.json`);
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `key-${n}`, alg: 'RS256', use: 'sig' };
    writeFileSync(path, JSON.stringify(jwk));
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const keys = [key(generation)];
if (generation > 1) keys.push(key(generation - 1));

// Each client is a caller of the service; its `scope` is what it may ask for.
const client = (id, scope) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_post',
  scope,
});

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    client('diariet', 'render check'),
    client('reader', 'check'),
    client('short-lived', 'render check'),
    // Tokens not valid yet, or with an nbf that is no time: the service must refuse them.
    client('early-hour', 'render check'),
    client('early-days', 'render check'),
    client('bad-nbf', 'render check'),
  ],
  extraTokenClaims: (ctx, token) => {
    const now = Math.floor(Date.now() / 1000);
    switch (token.clientId) {
      case 'early-hour': return { nbf: now + 3600 };
      case 'early-days': return { nbf: now + 5 * 86400 };
      case 'bad-nbf': return { nbf: 'not-a-date' };
      default: return undefined;
    }
  },
  jwks: { keys },
  scopes: ['render', 'check', 'archive'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => 'urn:uppfoljning',
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource, forClient) => ({
        scope: 'render check archive',
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: forClient.clientId === 'short-lived' ? 1 : 300,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
