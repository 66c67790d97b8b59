import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemplateFile } from '../../lib/collect/template-file.js';

const dir = mkdtempSync(join(tmpdir(), 'template-file-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readTemplateFile', () => {
  it("reads SAM's YAML with CloudFormation's short-form tags into their long forms", async () => {
    const path = file(
      'template.yaml',
      [
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      VpcConfig:',
        '        SubnetIds: !Split [",", !ImportValue shared-subnets]',
        '        SecurityGroupIds:',
        '          - !Ref AppGroup',
        '          - !GetAtt Sg.GroupId',
        '          - !Select [0, !Split [",", !Ref Groups]]',
      ].join('\n'),
    );
    expect(await readTemplateFile(path)).toEqual({
      Resources: {
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            VpcConfig: {
              SubnetIds: { 'Fn::Split': [',', { 'Fn::ImportValue': 'shared-subnets' }] },
              SecurityGroupIds: [
                { Ref: 'AppGroup' },
                { 'Fn::GetAtt': ['Sg', 'GroupId'] },
                { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Groups' }] }] },
              ],
            },
          },
        },
      },
    });
  });

  it("reads CDK's JSON", async () => {
    expect(await readTemplateFile(file('stack.template.json', '{"Resources": {}}'))).toEqual({
      Resources: {},
    });
  });

  it('names the file and what is wrong with it', async () => {
    await expect(readTemplateFile(join(dir, 'none.json'))).rejects.toThrow(
      `Cannot read template ${join(dir, 'none.json')}: no such file.`,
    );
    await expect(readTemplateFile(dir)).rejects.toThrow(`Template ${dir} is not a file.`);
    await expect(readTemplateFile(file('bad.json', '{"Resources": '))).rejects.toThrow(/is not valid JSON/);
    await expect(readTemplateFile(file('bad.yaml', 'Resources: [a, b\n  c: {'))).rejects.toThrow(
      /is neither JSON nor valid YAML/,
    );
  });
});
