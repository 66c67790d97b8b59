/**
 * A policy document read into statements the evaluator can apply. The grammar is the IAM JSON policy
 * language's (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): `Statement` is
 * one object or an array; `Action`/`NotAction` and `Resource`/`NotResource` are one string or an array. A
 * document that does not follow it (not JSON, a statement without an effect, a Principal in an identity
 * policy) is unreadable: the evaluator then cannot rule out that it allows or denies anything.
 */

export type Statement = {
  /** `inline policy orders-api-deny, statement NoDelete`: where a decision came from, for messages. */
  source: string;
  effect: 'Allow' | 'Deny';
  actions: { not: boolean; patterns: readonly string[] };
  resources: { not: boolean; patterns: readonly string[] };
  /** A non-empty Condition: whether it holds depends on the request, which the evaluator does not know. */
  conditional: boolean;
};

export type ParsedPolicy =
  | { name: string; statements: readonly Statement[] }
  | { name: string; unreadable: string };

class Unreadable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string or a non-empty array of strings: Action, NotAction, Resource, NotResource. */
function stringList(value: unknown, element: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
    return value;
  throw new Unreadable(`${element} is neither a string nor a list of strings`);
}

/** Exactly one of `name` and `Not<name>`. */
function oneOf(statement: Record<string, unknown>, name: 'Action' | 'Resource') {
  const plain = statement[name];
  const negated = statement[`Not${name}`];
  if ((plain === undefined) === (negated === undefined))
    throw new Unreadable(`it needs exactly one of ${name} and Not${name}`);
  return plain === undefined
    ? { not: true, patterns: stringList(negated, `Not${name}`) }
    : { not: false, patterns: stringList(plain, name) };
}

function statementOf(policy: string, value: unknown, index: number): Statement {
  if (!isObject(value)) throw new Unreadable(`statement ${index + 1} is not an object`);
  const sid = typeof value.Sid === 'string' && value.Sid !== '' ? value.Sid : `#${index + 1}`;
  const where = `statement ${sid}`;
  try {
    const effect = value.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') throw new Unreadable('its Effect is not Allow or Deny');
    if (value.Principal !== undefined || value.NotPrincipal !== undefined)
      throw new Unreadable('an identity policy has no Principal');
    const condition = value.Condition;
    if (condition !== undefined && !isObject(condition))
      throw new Unreadable('its Condition is not an object');
    return {
      source: `${policy}, ${where}`,
      effect,
      actions: oneOf(value, 'Action'),
      resources: oneOf(value, 'Resource'),
      conditional: condition !== undefined && Object.keys(condition).length > 0,
    };
  } catch (error) {
    if (error instanceof Unreadable) throw new Unreadable(`${where}: ${error.message}`);
    throw error;
  }
}

/** Reads one policy document (an object, or its JSON text) named `name` in messages. */
export function parsePolicy(name: string, document: unknown): ParsedPolicy {
  try {
    let parsed = document;
    if (typeof document === 'string') {
      try {
        parsed = JSON.parse(document);
      } catch {
        throw new Unreadable('it is not JSON');
      }
    }
    if (!isObject(parsed)) throw new Unreadable('it is not a JSON object');
    const statement = parsed.Statement;
    const list = Array.isArray(statement) ? statement : statement === undefined ? undefined : [statement];
    if (list === undefined) throw new Unreadable('it has no Statement');
    return { name, statements: list.map((item, index) => statementOf(name, item, index)) };
  } catch (error) {
    if (error instanceof Unreadable) return { name, unreadable: `${name} cannot be read: ${error.message}` };
    throw error;
  }
}
