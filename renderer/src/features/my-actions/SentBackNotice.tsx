import { sendBackToAnswer } from '../../../../shared/domain/team';
import type { PlanDocument } from '../../../../shared/model/plan';
import { formatDate } from '../../ui/format';
import { whoRecorded } from '../../../../shared/domain/recordedBy';

/** The manager's send-back the lead has not yet answered with an update, said plainly where they update. */
export function SentBackNotice({ doc, actionId }: { doc: PlanDocument; actionId: string }) {
  const review = sendBackToAnswer(doc, actionId);
  if (!review) return null;
  return (
    <p className="sent-back-notice">
      Sent back by {whoRecorded(review)} on {formatDate(review.at)}: {review.comment}
    </p>
  );
}
