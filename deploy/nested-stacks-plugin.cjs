'use strict';
/**
 * The packaging plugin of sagemaker-scaler (serverless.yml `plugins:`), for what a `${file()}`
 * variable cannot do:
 *
 * - at package time, after osls has compiled the root template: points each nested stack at its
 *   template in the deployment bucket (the directory of this deployment's function code), writes
 *   the nested templates beside the root template, and checks the root template (functions
 *   included) and every nested one against the AWS limits (deploy/limits/): a template that would
 *   break one fails `serverless package` with what, by how much and what to change;
 * - at deploy time, after osls has uploaded its artifacts: uploads the nested templates next to
 *   them (osls uploads only the files it knows).
 *
 * The templates themselves come from deploy/ through deploy/resolver.cjs, the module that already
 * built `resources:` in this process.
 */
const fs = require('node:fs');
const path = require('node:path');
const resolver = require('./resolver.cjs');

const NESTED_PLACEHOLDER = 'nested-template:';

class ScalerNestedStacks {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.provider = serverless.getProvider('aws');
    this.hooks = {
      'before:aws:package:finalize:saveServiceState': () => this.finishTemplates(),
      'after:aws:deploy:deploy:uploadArtifacts': () => this.uploadNestedTemplates(),
    };
  }

  /**
   * Where osls keeps the artifacts while it works: `<service>/.serverless`. With `--package DIR`
   * it moves that folder's files to DIR when packaging ends, and copies them back before a deploy.
   */
  packagePath() {
    return path.join(this.serverless.serviceDir || '.', '.serverless');
  }

  /** The bucket and directory of this deployment's artifacts, as the function code names them. */
  artifactLocation(template) {
    const fn = Object.values(template.Resources).find(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    const code = fn?.Properties?.Code;
    if (!code || typeof code.S3Key !== 'string') {
      throw new this.serverless.classes.Error(
        'sagemaker-scaler: no packaged function code to put the nested templates beside',
      );
    }
    return { bucket: code.S3Bucket, directory: path.posix.dirname(code.S3Key) };
  }

  async finishTemplates() {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const custom = this.serverless.service.custom.scaler;
    const nested = await this.fail(() => resolver.nestedStacks(custom));
    if (nested.length > 0) {
      const { bucket, directory } = this.artifactLocation(template);
      const directoryOnDisk = this.packagePath();
      fs.mkdirSync(directoryOnDisk, { recursive: true });
      for (const stack of nested) {
        const resource = template.Resources[stack.logicalId];
        if (!resource || resource.Properties.TemplateURL !== `${NESTED_PLACEHOLDER}${stack.fileName}`) {
          throw new this.serverless.classes.Error(
            `sagemaker-scaler: ${stack.logicalId} is not in the compiled template`,
          );
        }
        resource.Properties.TemplateURL = {
          'Fn::Join': [
            '',
            [
              'https://s3.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/',
              bucket,
              `/${directory}/${stack.fileName}`,
            ],
          ],
        };
        fs.writeFileSync(path.join(directoryOnDisk, stack.fileName), JSON.stringify(stack.template));
      }
    }
    await this.fail(() => resolver.checkLimits(custom, template));
  }

  async uploadNestedTemplates() {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const files = fs
      .readdirSync(this.packagePath())
      .filter((name) => /^fleet-\d+\.json$/.test(name))
      .sort();
    if (files.length === 0) return;
    const { directory } = this.artifactLocation(template);
    const bucket = await this.provider.getServerlessDeploymentBucketName();
    const bucketSettings = this.serverless.service.provider.deploymentBucketObject || {};
    for (const file of files) {
      await this.provider.request('S3', 'putObject', {
        Bucket: bucket,
        Key: `${directory}/${file}`,
        Body: fs.readFileSync(path.join(this.packagePath(), file)),
        ContentType: 'application/json',
        ...(bucketSettings.serverSideEncryption
          ? { ServerSideEncryption: bucketSettings.serverSideEncryption }
          : {}),
        ...(bucketSettings.sseKMSKeyId ? { SSEKMSKeyId: bucketSettings.sseKMSKeyId } : {}),
      });
    }
  }

  /** A clean message for a bad configuration or a broken limit, instead of a crash with a stack. */
  async fail(step) {
    try {
      return await step();
    } catch (error) {
      throw new this.serverless.classes.Error(error.message);
    }
  }
}

module.exports = ScalerNestedStacks;
