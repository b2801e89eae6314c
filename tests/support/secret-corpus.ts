// Secret formats as they show up in agents' Bash commands and Write contents, grouped by family.
// Every value is fake but has the real format (prefix, alphabet, length). Each case names the
// substrings that must not survive redaction; `kept` are texts that must come through unchanged.
// Shared by the unit corpus (tests/core/redact-corpus.test.ts) and the binary test (tests/cli).

/** A deterministic pseudo-random string over `alphabet` (so values look random, not hand-typed). */
export function fake(
  seed: string,
  length: number,
  alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    out += alphabet[h % alphabet.length];
  }
  return out;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const B64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const UPPER_NUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface SecretCase {
  text: string;
  secrets: string[];
}

const c = (text: string, ...secrets: string[]): SecretCase => ({ text, secrets });

function pemBody(seed: string, lines: number): string {
  return Array.from({ length: lines }, (_, i) => fake(`${seed}${i}`, 64, B64)).join("\n");
}

const rsa = pemBody("rsa", 4);
const ec = pemBody("ec", 2);
const ossh = pemBody("ossh", 3);
const pgp = pemBody("pgp", 4);
const enc = pemBody("enc", 3);
const pk8 = pemBody("pk8", 3);
const awsId = `AKIA${fake("awsid", 16, UPPER_NUM)}`;
const awsSts = `ASIA${fake("awssts", 16, UPPER_NUM)}`;
const awsSecret = `${fake("awssec1", 12, B64)}/${fake("awssec2", 14, B64)}+${fake("awssec3", 12, B64)}`;
const awsSecret2 = fake("awssecret-plain", 40, `${ALNUM}`);
const awsSession = `IQoJb3JpZ2luX2VjE${fake("sess", 180, B64)}`;
const ya29 = `ya29.${fake("ya29", 120, URLSAFE)}`;
const gcpPem = pemBody("gcp", 3);
const gcpKeyId = fake("gcpkid", 40, HEX);
const azKey = `${fake("azkey", 86, B64)}==`;
const azSig = `${fake("azsig", 43, B64)}%3D`;
const ghp = `ghp_${fake("ghp", 36)}`;
const gho = `gho_${fake("gho", 36)}`;
const ghu = `ghu_${fake("ghu", 36)}`;
const ghs = `ghs_${fake("ghs", 36)}`;
const ghr = `ghr_${fake("ghr", 36)}`;
const ghpat = `github_pat_11${fake("pat1", 20, UPPER_NUM)}_${fake("pat2", 59)}`;
const glpat = `glpat-${fake("glpat", 20, URLSAFE)}`;
const gldt = `gldt-${fake("gldt", 20, URLSAFE)}`;
const glrunner = `glrt-${fake("glrt", 20, URLSAFE)}`;
const xoxb = `xoxb-${fake("xb1", 12, "0123456789")}-${fake("xb2", 13, "0123456789")}-${fake("xb3", 24)}`;
const xoxp = `xoxp-${fake("xp1", 12, "0123456789")}-${fake("xp2", 12, "0123456789")}-${fake("xp3", 13, "0123456789")}-${fake("xp4", 32, HEX)}`;
const xapp = `xapp-1-${fake("xa1", 11, UPPER_NUM)}-${fake("xa2", 13, "0123456789")}-${fake("xa3", 64, HEX)}`;
const slackHookPath = `T${fake("sh1", 8, UPPER_NUM)}/B${fake("sh2", 10, UPPER_NUM)}/${fake("sh3", 24)}`;
const slackWorkflow = `${fake("sw1", 11, UPPER_NUM)}/${fake("sw2", 9, "0123456789")}/${fake("sw3", 24)}`;
const discordHook = `${fake("dh1", 18, "0123456789")}/${fake("dh2", 68, URLSAFE)}`;
const skLive = `sk_live_51${fake("skl", 97)}`;
const rkLive = `rk_live_51${fake("rkl", 97)}`;
const skTest = `sk_test_${fake("skt", 24)}`;
const whsec = `whsec_${fake("whsec", 32)}`;
const oai = `sk-proj-${fake("oai", 48, URLSAFE)}`;
const oaiLegacy = `sk-${fake("oail", 48)}`;
const ant = `sk-ant-api03-${fake("ant", 93, URLSAFE)}AA`;
const antAdmin = `sk-ant-admin01-${fake("antad", 93, URLSAFE)}AA`;
const hf = `hf_${fake("hf", 34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`;
const hf2 = `hf_${fake("hf2", 34, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`;
const sg = `SG.${fake("sg1", 22, URLSAFE)}.${fake("sg2", 43, URLSAFE)}`;
const sg2 = `SG.${fake("sg3", 22, URLSAFE)}.${fake("sg4", 43, URLSAFE)}`;
const twSk = `SK${fake("twsk", 32, HEX)}`;
const twAc = `AC${fake("twac", 32, HEX)}`;
const twTok = fake("twtok", 32, HEX);
const npmTok = `npm_${fake("npm", 36)}`;
const pypi = `pypi-AgEIcHlwaS5vcmc${fake("pypi", 140, URLSAFE)}`;
const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${fake("jwt1", 60, URLSAFE)}.${fake("jwt2", 43, URLSAFE)}`;
const pw1 = `Tr0ub4dor-${fake("pw1", 8)}`;
const pw2 = `c0rrect${fake("pw2", 10)}`;
const pw3 = `${fake("pw3", 14)}!x`;
const pw4 = `s3cret${fake("pw4", 6)}`;
const cookieVal = fake("cookie", 40, URLSAFE);
const tok = fake("generic-token", 40, URLSAFE);

export const SECRET_FAMILIES: Record<string, SecretCase[]> = {
  "private key blocks": [
    c(
      `cat > id_rsa <<'EOF'\n-----BEGIN RSA PRIVATE KEY-----\n${rsa}\n-----END RSA PRIVATE KEY-----\nEOF`,
      rsa.slice(0, 64),
      rsa.slice(-64),
    ),
    c(`-----BEGIN EC PRIVATE KEY-----\n${ec}\n-----END EC PRIVATE KEY-----\n`, ec.slice(0, 64), ec.slice(-64)),
    c(
      `printf '%s\\n' '-----BEGIN OPENSSH PRIVATE KEY-----' '${ossh.split("\n").join("' '")}' '-----END OPENSSH PRIVATE KEY-----' > k`,
      ossh.slice(0, 64),
      ossh.slice(-64),
    ),
    c(
      `gpg --import <<EOF\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pgp}\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----\nEOF`,
      pgp.slice(0, 64),
      pgp.slice(-64),
    ),
    c(
      `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${enc}\n-----END ENCRYPTED PRIVATE KEY-----`,
      enc.slice(0, 64),
      enc.slice(-64),
    ),
    c(
      `echo "-----BEGIN PRIVATE KEY-----\\n${pk8.split("\n").join("\\n")}\\n-----END PRIVATE KEY-----" > key.pem`,
      pk8.slice(0, 64),
      pk8.slice(-64),
    ),
    c(
      `-----BEGIN DSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${fake("dek", 32, HEX.toUpperCase())}\n\n${rsa}\n-----END DSA PRIVATE KEY-----`,
      rsa.slice(0, 64),
    ),
    c(`echo '-----BEGIN RSA PRIVATE KEY-----\n${rsa.slice(0, 200)}`, rsa.slice(0, 64), rsa.slice(130, 194)),
    c(
      `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 1\n${fake("puttypub", 64, B64)}\nPrivate-Lines: 1\n${ossh.slice(0, 64)}\nPrivate-MAC: ${fake("mac", 64, HEX)}`,
      ossh.slice(0, 64),
    ),
  ],
  aws: [
    c(`aws configure set aws_access_key_id ${awsId}`, awsId),
    c(`aws configure set aws_secret_access_key ${awsSecret}`, awsSecret),
    c(`aws configure set aws_secret_access_key ${awsSecret2} --profile prod`, awsSecret2),
    c(`aws configure set aws_session_token ${awsSession}`, awsSession),
    c(`AWS_ACCESS_KEY_ID=${awsSts} AWS_SECRET_ACCESS_KEY=${awsSecret} aws s3 ls`, awsSts, awsSecret),
    c(`export AWS_SECRET_ACCESS_KEY="${awsSecret2}"`, awsSecret2),
    c(`[default]\naws_access_key_id = ${awsId}\naws_secret_access_key = ${awsSecret}\n`, awsId, awsSecret),
    c(`printf '%s %s' ${awsId} ${awsSecret} | ./setup-creds.sh`, awsId, awsSecret),
    c(
      `{"AccessKeyId": "${awsSts}", "SecretAccessKey": "${awsSecret2}", "SessionToken": "${awsSession}"}`,
      awsSts,
      awsSecret2,
      awsSession,
    ),
    c(`aws --region us-east-1 configure set default.aws_secret_access_key '${awsSecret}'`, awsSecret),
  ],
  gcp: [
    c(`curl -H "Authorization: Bearer ${ya29}" https://www.googleapis.com/drive/v3/files`, ya29),
    c(`ACCESS=${ya29}; curl "https://storage.googleapis.com/b/o?access_token=${ya29}"`, ya29),
    c(
      `cat > sa.json <<'EOF'\n{\n  "type": "service_account",\n  "project_id": "demo-123",\n  "private_key_id": "${gcpKeyId}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${gcpPem.split("\n").join("\\n")}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "x@demo-123.iam.gserviceaccount.com"\n}\nEOF`,
      // private_key_id names the key (an identifier, like an AWS key id's name): it is kept.
      gcpPem.slice(0, 64),
      gcpPem.slice(-64),
    ),
    c(`gcloud auth print-access-token | xargs -I{} echo {} ; echo ${ya29}`, ya29),
    c(`GOOGLE_CLIENT_SECRET=GOCSPX-${fake("gocspx", 28, URLSAFE)} npm start`, `GOCSPX-${fake("gocspx", 28, URLSAFE)}`),
    c(`echo 1//0g${fake("refresh", 100, URLSAFE)} > refresh.txt`, `1//0g${fake("refresh", 100, URLSAFE)}`),
  ],
  azure: [
    c(
      `az storage blob list --connection-string "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${azKey};EndpointSuffix=core.windows.net"`,
      azKey,
    ),
    c(
      `export AZURE_STORAGE_CONNECTION_STRING='DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=${azKey}'`,
      azKey,
    ),
    c(
      `curl "https://demo.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=${azSig}"`,
      azSig,
    ),
    c(
      `Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${azKey}`,
      azKey,
    ),
    c(`az storage container list --account-name demo --account-key ${azKey}`, azKey),
    c(`SharedAccessSignature sr=demo.azure-devices.net&sig=${azSig}&se=1700000000&skn=iothubowner`, azSig),
    c(`Server=tcp:demo.database.windows.net,1433;Database=app;User ID=admin;Password=${pw1};Encrypt=true;`, pw1),
    c(
      `az ad sp create-for-rbac ... && az login --service-principal -u ${fake("appid", 8, HEX)} -p ${pw3} --tenant t`,
      pw3,
    ),
  ],
  github: [
    c(`git clone https://${ghp}@github.com/o/r.git`, ghp),
    c(`GH_TOKEN=${gho} gh pr list`, gho),
    c(`echo ${ghu} | gh auth login --with-token`, ghu),
    c(`curl -H "Authorization: token ${ghs}" https://api.github.com/repos/o/r`, ghs),
    c(`git remote set-url origin https://x-access-token:${ghr}@github.com/o/r`, ghr),
    c(`gh secret set DEPLOY --body ${ghpat}`, ghpat),
    c(`//npm.pkg.github.com/:_authToken=${ghp}`, ghp),
  ],
  gitlab: [
    c(`curl --header "PRIVATE-TOKEN: ${glpat}" https://gitlab.com/api/v4/projects`, glpat),
    c(`git clone https://oauth2:${glpat}@gitlab.com/g/p.git`, glpat),
    c(`echo ${gldt} | docker login registry.gitlab.com -u deploy --password-stdin`, gldt),
    c(`gitlab-runner register --token ${glrunner} --url https://gitlab.com`, glrunner),
    c(`export CI_JOB=${glpat}`, glpat),
  ],
  slack: [
    c(`curl -H "Authorization: Bearer ${xoxb}" https://slack.com/api/chat.postMessage`, xoxb),
    c(`SLACK_BOT=${xoxp} node bot.js`, xoxp),
    c(`echo ${xapp} > .slack-app`, xapp),
    c(
      `curl -X POST -H 'Content-type: application/json' --data '{"text":"hi"}' https://hooks.slack.com/services/${slackHookPath}`,
      slackHookPath,
    ),
    c(`WEBHOOK=https://hooks.slack.com/services/${slackHookPath} ./notify.sh`, slackHookPath),
    c(`curl -d '{}' https://hooks.slack.com/workflows/${slackWorkflow}`, slackWorkflow),
    c(`curl -d '{}' https://hooks.slack.com/triggers/${slackWorkflow}`, slackWorkflow),
    c(
      `curl -H 'Content-Type: application/json' -d '{"content":"x"}' https://discord.com/api/webhooks/${discordHook}`,
      discordHook,
    ),
  ],
  stripe: [
    c(`stripe login --api-key ${skLive}`, skLive),
    c(`curl https://api.stripe.com/v1/charges -u ${skLive}:`, skLive),
    c(`STRIPE=${rkLive} node sync.js`, rkLive),
    c(`echo ${skTest}`, skTest),
    c(`stripe listen --forward-to localhost:3000 # secret ${whsec}`, whsec),
  ],
  "openai/anthropic": [
    c(`curl https://api.openai.com/v1/models -H "Authorization: Bearer ${oai}"`, oai),
    c(`echo ${oaiLegacy} | pbcopy`, oaiLegacy),
    c(`curl https://api.anthropic.com/v1/messages -H "x-api-key: ${ant}"`, ant),
    c(`claude config set apiKey ${ant}`, ant),
    c(`const client = new Anthropic({ apiKey: "${antAdmin}" });`, antAdmin),
    c(`python -c "import openai; openai.api_key='${oai}'"`, oai),
  ],
  huggingface: [
    c(`huggingface-cli login --token ${hf}`, hf),
    c(`HF=${hf} python train.py`, hf),
    c(`git clone https://user:${hf2}@huggingface.co/datasets/x/y`, hf2),
    c(`curl https://api-inference.huggingface.co/models/gpt2 -H "Authorization: Bearer ${hf}"`, hf),
    c(`from huggingface_hub import login; login("${hf2}")`, hf2),
    c(`echo ${hf} > ~/.cache/huggingface/token`, hf),
  ],
  sendgrid: [
    c(`curl --request POST --url https://api.sendgrid.com/v3/mail/send --header "Authorization: Bearer ${sg}"`, sg),
    c(`SENDGRID=${sg2} node mail.js`, sg2),
    c(`sg.setApiKey("${sg}")`, sg),
    c(`echo ${sg2}`, sg2),
    c(`SENDGRID_API_KEY='${sg}' python send.py`, sg),
    c(`{"sendgrid": {"apiKey": "${sg2}"}}`, sg2),
  ],
  twilio: [
    c(`curl -X POST https://api.twilio.com/2010-04-01/Accounts/${twAc}/Messages.json -u ${twSk}:${twTok}`, twSk, twTok),
    c(
      `twilio api:core:messages:create --from +1555 --to +1556 --body hi --api-key ${twSk} --api-secret ${twTok}`,
      twSk,
      twTok,
    ),
    c(`TWILIO_AUTH_TOKEN=${twTok} TWILIO_ACCOUNT_SID=${twAc} node sms.js`, twTok),
    c(`echo ${twSk}`, twSk),
    c(`const client = twilio("${twAc}", "${twTok}");`, twTok),
  ],
  npm: [
    c(`npm config set //registry.npmjs.org/:_authToken ${npmTok}`, npmTok),
    c(`echo "//registry.npmjs.org/:_authToken=${npmTok}" >> ~/.npmrc`, npmTok),
    c(`NPM_TOKEN=${npmTok} npm publish`, npmTok),
    c(`yarn config set npmAuthToken ${npmTok}`, npmTok),
    c(`cat > .npmrc <<EOF\nalways-auth=true\n_auth=${fake("npmauth", 40, B64)}=\nEOF`, fake("npmauth", 40, B64)),
    c(`printf '//registry.example.com/:_password=${fake("npmpw", 24, B64)}\\n' >> .npmrc`, fake("npmpw", 24, B64)),
  ],
  pypi: [
    c(`twine upload -u __token__ -p ${pypi} dist/*`, pypi),
    c(`TWINE_PASSWORD=${pypi} twine upload dist/*`, pypi),
    c(`[pypi]\n  username = __token__\n  password = ${pypi}\n`, pypi),
    c(`uv publish --token ${pypi}`, pypi),
    c(`poetry config pypi-token.pypi ${pypi}`, pypi),
    c(`UV_PUBLISH_TOKEN=${pypi} uv publish`, pypi),
  ],
  jwt: [
    c(`curl -H "Authorization: Bearer ${jwt}" https://api.example.com/me`, jwt.split(".")[2] as string),
    c(`export ID_TOKEN=${jwt}`, jwt.split(".")[2] as string),
    c(`echo ${jwt} | cut -d. -f2 | base64 -d`, jwt.split(".")[2] as string),
    c(`localStorage.setItem("session", "${jwt}")`, jwt.split(".")[2] as string),
    c(`open "https://app.example.com/callback#id_token=${jwt}&state=x"`, jwt.split(".")[2] as string),
    c(`curl -b "access_token=${jwt}" https://app.example.com`, jwt.split(".")[2] as string),
  ],
  "basic auth in URLs": [
    c(`curl https://admin:${pw1}@internal.example.com/api`, pw1),
    c(`git clone https://deploy:${pw2}@git.example.com/o/r.git`, pw2),
    c(`redis-cli -u redis://:${pw3}@cache.example.com:6379`, pw3),
    c(`mongosh "mongodb+srv://app:${pw4}@cluster0.example.mongodb.net/db"`, pw4),
    c(`pip install --index-url https://user:${pw1}@pypi.example.com/simple pkg`, pw1),
    c(`DATABASE_URL=mysql://root:${pw2}@localhost:3306/app rails s`, pw2),
  ],
  "curl -u / --user": [
    c(`curl -u admin:${pw1} https://api.example.com`, pw1),
    c(`curl --user admin:${pw2} https://api.example.com`, pw2),
    c(`curl --user=admin:${pw3} https://api.example.com`, pw3),
    c(`curl -uadmin:${pw4} https://api.example.com`, pw4),
    c(`curl -s -u 'ci-bot:${pw1}' -X POST https://jenkins.example.com/job/x/build`, pw1),
    c(`curl --proxy-user proxy:${pw2} -x http://proxy:3128 https://example.com`, pw2),
    c(`wget --user=me --password=${pw3} https://example.com/f`, pw3),
  ],
  "authorization headers": [
    c(`curl -H 'Authorization: Bearer ${tok}' https://api.example.com`, tok),
    c(
      `curl -H "Authorization: Basic ${fake("basic", 28, B64)}=" https://api.example.com`,
      `${fake("basic", 28, B64)}=`,
    ),
    c(`http GET api.example.com Authorization:"Token ${tok}"`, tok),
    c(`curl -H "X-Api-Key: ${tok}" https://api.example.com`, tok),
    c(`fetch(url, { headers: { Authorization: \`Bearer ${tok}\` } })`, tok),
    c(`curl -H "X-Auth-Token: ${tok}" https://api.example.com`, tok),
  ],
  "cookie headers": [
    c(`curl -H 'Cookie: session=${cookieVal}; theme=dark' https://app.example.com`, cookieVal),
    c(`curl -H "cookie: sid=${cookieVal}" https://app.example.com`, cookieVal),
    c(`HTTP/1.1 200 OK\nSet-Cookie: __Host-session=${cookieVal}; Path=/; Secure; HttpOnly\n`, cookieVal),
    c(`curl -b 'connect.sid=${cookieVal}' https://app.example.com`, cookieVal),
    c(`curl --cookie "JSESSIONID=${cookieVal}" https://app.example.com`, cookieVal),
    c(`wget --header="Cookie: auth=${cookieVal}" https://app.example.com`, cookieVal),
  ],
  "mysql / psql passwords": [
    c(`mysql -uroot -p${pw1} app < dump.sql`, pw1),
    c(`mysql -h db -u root -p${pw2} -e 'show tables'`, pw2),
    c(`mysqldump -u root -p'${pw3}' app > dump.sql`, pw3),
    c(`mysql --password=${pw4} -u root`, pw4),
    c(`mariadb -uadmin -p"${pw1}" -h 127.0.0.1`, pw1),
    c(`psql postgres://app:${pw2}@db.example.com:5432/app`, pw2),
    c(`psql "postgresql://app:${pw3}@localhost/app?sslmode=disable" -c 'select 1'`, pw3),
    c(`PGPASSWORD=${pw4} psql -h db -U app`, pw4),
    c(`mysqladmin -u root --password ${pw1} status`, pw1),
  ],
  "sshpass / docker login": [
    c(`sshpass -p ${pw1} ssh deploy@host`, pw1),
    c(`sshpass -p'${pw2}' scp f host:`, pw2),
    c(`sshpass -v -p "${pw3}" rsync -a . host:/srv`, pw3),
    c(`docker login -u me -p ${pw4} registry.example.com`, pw4),
    c(`docker login --username me --password ${pw1} ghcr.io`, pw1),
    c(`podman login -u me -p ${pw2} quay.io`, pw2),
    c(`docker login --password=${pw3} -u me`, pw3),
    c(`helm registry login -u me -p ${pw4} registry.example.com`, pw4),
  ],
  "secret-named env assignments": [
    c(`SMTP_PASS=${pw1} node mail.js`, pw1),
    c(`export DB_PASS='${pw2}'`, pw2),
    c(`ADMIN_PASSWORD=${pw3} ./seed.sh`, pw3),
    c(`API_TOKEN=${tok} make deploy`, tok),
    c(`JWT_SECRET=${pw4} npm start`, pw4),
    c(`SIGNING_KEY=${tok} ./release.sh`, tok),
    c(`echo 'ENCRYPTION_KEY=${pw1}' >> .env`, pw1),
    c(`MASTER_KEY=${pw2} rails credentials:edit`, pw2),
    c(`REDIS_PWD=${pw3} ./start`, pw3),
    c(`docker run -e POSTGRES_PASSWORD=${pw4} postgres`, pw4),
    c(`{"password": "${pw1}", "user": "x"}`, pw1),
    c(`db:\n  password: ${pw2}\n`, pw2),
    c(`kubectl create secret generic db --from-literal=password=${pw3}`, pw3),
  ],
  netrc: [
    c(`cat > ~/.netrc <<EOF\nmachine api.example.com\n  login me\n  password ${pw1}\nEOF`, pw1),
    c(`echo "machine github.com login me password ${ghp}" >> ~/.netrc`, ghp),
    c(`printf 'machine ftp.example.com login anon password ${pw2}\\n' > .netrc`, pw2),
    c(`machine git.example.com\nlogin deploy\npassword ${pw3}\n`, pw3),
    c(`default login anonymous password ${pw4}`, pw4),
    c(`echo "password ${pw1}" >> ~/.netrc`, pw1),
  ],
};

/** Texts that must come through redaction unchanged. */
export const KEPT: string[] = [
  "git status && git log --oneline -5",
  'git commit -m "fix password reset flow"',
  'git commit -m "rotate the token cache; secret scanning on"',
  "npm test -- --grep 'token refresh'",
  "grep -rn 'password' src/ | wc -l",
  "SECRET_NAME=prod/db aws secretsmanager get-secret-value --secret-id $SECRET_NAME",
  "TOKEN_FILE=/run/secrets/token ./start.sh",
  "API_KEY_PATH=~/.config/app/key ./run",
  "aws configure set region us-east-1",
  "aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY",
  "aws s3 cp s3://bucket/a1b2c3d4e5f6/BuildArtifactsFolder/x.zip .",
  "git show 3f786850e387550fdab836ed7e6dc881de23001b",
  "git diff 3f786850e387550fdab836ed7e6dc881de23001b..HEAD",
  "sha256sum dist/app && echo 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  "docker login --password-stdin -u me ghcr.io",
  "docker run -p 8080:80 nginx",
  "mysql -u root -p app",
  "psql -h localhost -U app -d app",
  "ssh -p 2222 deploy@host",
  "curl -u admin https://api.example.com",
  "curl https://api.example.com/v1/items?page=2&sort=name",
  "curl -H 'Content-Type: application/json' https://api.example.com",
  "ls ~/.ssh && cat ~/.ssh/id_rsa.pub",
  "kubectl get secrets -n default",
  "echo $OPENAI_API_KEY | wc -c",
  "const tokenizer = new Tokenizer(); // TODO",
  "PWD=/tmp ls",
  "cp src/components/FormattingToolbar/TableButtons.tsx src/x/",
  "gh secret set DEPLOY_KEY < key.txt",
  "anthropic API error (status 401), type=authentication_error: invalid x-api-key",
  "npm run build && node dist/index.js --port 3000",
  "python manage.py createsuperuser --username admin",
  "sed -i 's/password_reset/password_recovery/g' app.py",
  "echo 'machine learning is fun'",
  "aws sts get-caller-identity --profile prod",
  "export NODE_ENV=production",
  "docker build -t app:latest .",
  "kubectl create secret generic db --from-file=./creds",
  "terraform apply -var region=us-east-1",
  "PRIMARY_KEY=id CACHE_KEY=v2 ./migrate",
  "jq '.items[] | {name: .name, id: .id}' out.json",
  "git log --format='%an <%ae>' -3",
  "sed -n 1,40p src/config/auth.ts",
  "gh auth status && gh auth token --help",
];

/** Prose and YAML near secret words: [text, secrets that must go, words that must stay]. */
export const PROSE: Array<[string, string[], string[]]> = [
  ["Reading or sending secrets: printing or exfiltrating credentials", [], ["printing or exfiltrating"]],
  ["fix token: use the refresh flow", [], ["use the refresh flow"]],
  ["password: reset it from the admin page", [], ["reset it from"]],
  ["db_password: correct horse battery staple\nuser: app", ["correct", "horse", "battery", "staple"], ["user: app"]],
  ["smtp:\n  auth_token: abc def ghi # rotated\n  host: mail", ["abc", "def", "ghi"], ["host: mail"]],
  ["password: hunter2\nhost: db", ["hunter2"], ["host: db"]],
  ["{ apiKey: 'k-123456', region: 'eu' }", ["k-123456"], ["region: 'eu'"]],
];
