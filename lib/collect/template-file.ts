import { readFile, stat } from 'node:fs/promises';
import { type CollectionTag, parse, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { ConfigError, errorMessage } from '../errors.js';

/**
 * Reads a synthesized CloudFormation template for `plan`: JSON (CDK's cdk.out/<stack>.template.json, `cdk synth`)
 * or YAML (SAM's .aws-sam/build/template.yaml after `sam build`, with CloudFormation's short-form tags such as
 * `!Ref` and `!GetAtt`, read into their long forms). Parsing with the `yaml` package (YAML 1.2, no dependencies).
 */

/** CloudFormation takes a template body of at most 1 MB (51,200 bytes inline); 10 MB leaves room for cdk.out. */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024;

/** The intrinsic functions' short forms: `!Name value` is `{ "Fn::Name": value }` (`Ref` and `Condition` bare). */
const SHORT_FORMS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Condition',
  'Ref',
] as const;

function longForm(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** Each short form as a scalar (`!GetAtt Res.Attr` splits at the dot), a sequence and a mapping. */
const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [longForm(name)]: name === 'GetAtt' ? value.split('.') : value }),
  },
  {
    tag: `!${name}`,
    collection: 'seq' as const,
    resolve: (seq: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [longForm(name)]: seq.toJSON() }),
  },
  {
    tag: `!${name}`,
    collection: 'map' as const,
    resolve: (map: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [longForm(name)]: map.toJSON() }),
  },
]);

/** The template's content, parsed; every failure names the file and what is wrong. */
export async function readTemplateFile(path: string): Promise<unknown> {
  let size: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new ConfigError(`Template ${path} is not a file.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `Cannot read template ${path}: ${code === 'ENOENT' ? 'no such file' : errorMessage(error)}.`,
    );
  }
  if (size > MAX_TEMPLATE_BYTES)
    throw new ConfigError(`Template ${path} is ${Math.round(size / 1024 / 1024)} MB, above the 10 MB limit.`);
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`Template ${path} is not valid JSON: ${errorMessage(error)}.`);
    }
  }
  try {
    return parse(text, { customTags: CLOUDFORMATION_TAGS, prettyErrors: true });
  } catch (error) {
    throw new ConfigError(
      `Template ${path} is neither JSON nor valid YAML: ${errorMessage(error).split('\n')[0]}.`,
    );
  }
}
