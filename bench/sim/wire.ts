/** What the simulated AWS answers: the parts of an HTTP response the SDK reads. */
export type Reply = { status: number; headers: Record<string, string>; body: string };

export const escapeXml = (value: string): string =>
  value.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

/** `<name>value</name>`, or nothing for an undefined value (AWS leaves absent members out). */
export function el(name: string, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  return `<${name}>${typeof value === 'string' ? escapeXml(value) : String(value)}</${name}>`;
}

/** EC2's list form: `<name><item>...</item>...</name>`. */
export const itemSet = (name: string, items: readonly string[]): string =>
  `<${name}>${items.map((item) => `<item>${item}</item>`).join('')}</${name}>`;

/** The query protocols' list form (IAM, STS): `<name><member>...</member>...</name>`. */
export const memberList = (name: string, items: readonly string[]): string =>
  `<${name}>${items.map((item) => `<member>${item}</member>`).join('')}</${name}>`;

export const xml = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body,
});

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

/** EC2's error body (`RequestLimitExceeded` is a 503). */
export const ec2Error = (code: string, message: string, status: number): Reply =>
  xml(
    `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>bench</RequestID></Response>`,
    status,
  );

/** The query protocol's error body (IAM, STS). */
export const queryError = (code: string, message: string, status: number): Reply =>
  xml(
    `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>bench</RequestId></ErrorResponse>`,
    status,
  );

/** Opaque page tokens: the offset of the next item. */
export const tokenFor = (offset: number): string => Buffer.from(`bench:${offset}`).toString('base64');

export function offsetOf(token: string | null | undefined): number {
  if (token === null || token === undefined || token === '') return 0;
  const match = /^bench:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (match?.[1] === undefined) throw new RangeError(`Not a token of this simulation: ${token}`);
  return Number(match[1]);
}
