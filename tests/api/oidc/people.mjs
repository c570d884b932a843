// A real OpenID provider people log in at, for the tests of `serve`'s login: npm's
// oidc-provider (a certified implementation) with its own interactive login page (any password
// is taken: these are test people) and a consent page; the service is its confidential client.
//
//   node people.mjs PORT SERVICE_URL KEYS_DIR
//
// Each person's roles (the `roles` claim, in the ID token) come from their login name:
// anna and berit are handläggare, rita is registrator, lasse is läsare, okand has no role.
// Prints "ready" once listening. The modules are found in $OIDC_MODULES.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [port, serviceUrl, keysDir] = process.argv.slice(2);
const modules = process.env.OIDC_MODULES;
const { default: Provider } = await import(
  pathToFileURL(join(modules, 'oidc-provider', 'lib', 'index.js')).href
);

const keyPath = join(keysDir, 'people-key.json');
if (!existsSync(keyPath)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(keyPath, JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'people-1', alg: 'RS256', use: 'sig' }));
}

const ROLES = {
  anna: ['handläggare'],
  berit: ['handläggare'],
  rita: ['registrator'],
  lasse: ['läsare'],
  okand: [],
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: 'uppfoljning-web',
    client_secret: 'uppfoljning-web-secret',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [`${serviceUrl}/logga-in/klar`],
    post_logout_redirect_uris: [`${serviceUrl}/utloggad`],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [JSON.parse(readFileSync(keyPath, 'utf8'))] },
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username', 'roles', 'forvaltning'],
    email: ['email'],
  },
  // The roles travel in the ID token, as Entra ID's app roles do.
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({
      sub: id,
      name: id.charAt(0).toUpperCase() + id.slice(1),
      preferred_username: id,
      email: `${id}@stad.example`,
      roles: ROLES[id] ?? [],
      forvaltning: id === 'berit' ? 'Socialförvaltningen' : 'Stadsledningskontoret',
    }),
  }),
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
