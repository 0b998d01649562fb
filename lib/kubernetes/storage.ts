import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Config } from '../model/config';
import { Secret } from '../model/secret';
import { AccessMode, Volume } from '../model/volume';

/**
 * The stack-level Kubernetes objects that workloads refer to: ConfigMaps,
 * Secrets (references, or objects for the plaintext opt-in) and PVCs, each
 * made once per chart and looked up by model name.
 */
export class StackStorage {
  private readonly configMaps = new Map<string, kplus.ConfigMap>();
  private readonly secrets = new Map<string, kplus.ISecret>();
  private readonly claims = new Map<string, kplus.PersistentVolumeClaim>();

  constructor(private readonly chart: Construct) {}

  public configMap(config: Config): kplus.ConfigMap {
    let cm = this.configMaps.get(config.name);
    if (!cm) {
      const data: Record<string, string> = {};
      for (const f of config.fileNames) data[f] = config.files[f];
      for (const k of config.envNames) data[k] = config.env[k];
      // The name carries the content hash, so the object never changes: immutable, like Swarm configs.
      cm = new kplus.ConfigMap(this.chart, `configmap-${config.name}`, { metadata: { name: config.hashedName }, data, immutable: true });
      this.configMaps.set(config.name, cm);
    }
    return cm;
  }

  public secret(secret: Secret): kplus.ISecret {
    let s = this.secrets.get(secret.name);
    if (!s) {
      if (secret.source === 'plaintext') {
        s = new kplus.Secret(this.chart, `secret-${secret.name}`, {
          metadata: { name: secret.name },
          stringData: { [secret.key]: secret.plaintextValue! },
        });
      } else {
        s = kplus.Secret.fromSecretName(this.chart, `secret-${secret.name}`, secret.name);
      }
      this.secrets.set(secret.name, s);
    }
    return s;
  }

  public claim(volume: Volume): kplus.PersistentVolumeClaim {
    let pvc = this.claims.get(volume.name);
    if (!pvc) {
      pvc = new kplus.PersistentVolumeClaim(this.chart, `pvc-${volume.name}`, {
        metadata: { name: volume.name },
        storageClassName: volume.storageClass,
        accessModes: [ACCESS_MODES[volume.accessMode]],
      });
      // cdk8s-plus-27 prints storage in whole Gi only; the model's quantity is exact. The
      // patch value is a Quantity because the typed KubePersistentVolumeClaim reads it after patching.
      const storage = kplus.k8s.Quantity.fromString(volume.sizeText);
      ApiObject.of(pvc).addJsonPatch(JsonPatch.add('/spec/resources', { requests: { storage } }));
      this.claims.set(volume.name, pvc);
    }
    return pvc;
  }
}

const ACCESS_MODES: Record<AccessMode, kplus.PersistentVolumeAccessMode> = {
  [AccessMode.READ_WRITE_ONCE]: kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE,
  [AccessMode.READ_WRITE_MANY]: kplus.PersistentVolumeAccessMode.READ_WRITE_MANY,
  [AccessMode.READ_ONLY_MANY]: kplus.PersistentVolumeAccessMode.READ_ONLY_MANY,
  [AccessMode.READ_WRITE_ONCE_POD]: kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD,
};
