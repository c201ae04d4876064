// Desktop notifications: expiry warnings for profiles not kept fresh (core's notification policy),
// the engine's own notices for kept-fresh ones, and results of menu actions. A click opens the
// popover on the profile; on an SSO sign-in notice it also starts the sign-in (core decides).
import { Notification } from 'electron';
import type { RolekeeperService } from '../core/service/rolekeeper-service';
import { batchEngineNotifications, configUnreadable, decideNotifications, showsEngineNotification, unusableFileFindings } from '../core/tray/notification-policy';
import { clickOfEngineNotification } from '../core/tray/notification-click';
import type { Translate } from '../../shared/i18n';
import type { EngineNotification } from '../../shared/engine-events';
import type { EventChannels, PopoverView } from '../../shared/ipc-contract';
import { notificationIconPath } from './resources';
import type { StartSignIn } from './sign-in';

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface NotificationDeps {
  service: RolekeeperService;
  t: Translate;
  openPopover(focus: EventChannels['popover:focus']): void;
  /** Starts an IAM Identity Center sign-in and opens the popover on the profile. */
  startSignIn: StartSignIn;
  /** The engine's snapshot as the tray sees it. */
  snapshot(): Parameters<typeof decideNotifications>[0]['snapshot'];
}

export class Notifications {
  // Electron holds main-process notifications weakly: without a strong reference here, one can be
  // collected (and its click listener with it) before the user clicks it.
  private readonly held = new Set<Notification>();
  private notified = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Per profile, how many engine notices were shown; a menu action compares before and after. */
  private readonly engineNotices = new Map<string, number>();

  constructor(private readonly deps: NotificationDeps) {}

  inform(title: string, body: string, profile?: string, view: PopoverView = 'profiles'): void {
    this.show(title, body, () => this.deps.openPopover({ view, profile }));
  }

  private show(title: string, body: string, onClick: () => void): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: notificationIconPath() });
    const release = (): void => {
      this.held.delete(notification);
    };
    notification.on('click', () => {
      release();
      onClick();
    });
    notification.on('close', release);
    notification.on('failed', release);
    this.held.add(notification);
    notification.show();
  }

  /** Once at start: AWS files the engine had to skip, with the doctor one click away. */
  reportUnusableFiles(): void {
    const { service } = this.deps;
    const storeProblems = service.doctor().filter((finding) => finding.code === 'rolekeeper-store-unreadable');
    const problems = unusableFileFindings([...service.profiles().findings, ...storeProblems]);
    if (problems.length === 0) return;
    const { t } = this.deps;
    this.inform(t('start.filesUnusableTitle'), t('start.filesUnusableBody', { problems: problems.map((finding) => finding.file ? `${finding.file}: ${finding.message}.` : `${finding.message}.`).join(' ') }), undefined, 'doctor');
  }

  /** Whether the AWS files could not be read (the tray icon's `unreadable` state). */
  configUnreadable(): boolean {
    return configUnreadable(this.deps.service.profiles().findings);
  }

  /** How many engine notices a profile got so far (a failed menu refresh may already be announced). */
  engineNoticesFor(profile: string): number {
    return this.engineNotices.get(profile) ?? 0;
  }

  /** Engine notices of this tick, shown together at its end (batched per kind). */
  private pendingEngine: EngineNotification[] = [];

  /** Kept-fresh profiles: the engine decides (each cause once); the rest are the policy's. */
  onEngineNotification(notification: EngineNotification): void {
    if (!showsEngineNotification(notification, this.deps.service.activity().keptFresh)) return;
    this.engineNotices.set(notification.profile, this.engineNoticesFor(notification.profile) + 1);
    this.pendingEngine.push(notification);
    if (this.pendingEngine.length === 1) setImmediate(() => this.flushEngineNotifications());
  }

  private flushEngineNotifications(): void {
    const notices = this.pendingEngine;
    this.pendingEngine = [];
    for (const model of batchEngineNotifications(notices, this.deps.t)) {
      if (model.batched) {
        this.show(model.title, model.body, () => this.deps.openPopover({ view: 'profiles', section: 'needs-you' }));
        continue;
      }
      const click = clickOfEngineNotification(model.notices[0]);
      const { signIn } = click;
      this.show(model.title, model.body, signIn ? () => this.deps.startSignIn(signIn.target, signIn.label, click.focus.profile) : () => this.deps.openPopover(click.focus));
    }
  }

  update(): void {
    const decision = decideNotifications({ snapshot: this.deps.snapshot(), now: Date.now(), notifyLeadMs: this.deps.service.expiringWithinMs(), notified: this.notified }, this.deps.t);
    this.notified = decision.notified;
    for (const item of decision.notifications) this.show(item.title, item.body, () => this.deps.openPopover(item.focus));
    this.stop();
    if (decision.nextCheckAt !== null) this.timer = setTimeout(() => this.update(), Math.min(decision.nextCheckAt - Date.now() + 50, MAX_TIMER_MS));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
