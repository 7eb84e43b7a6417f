import { useState } from "preact/hooks";
import { ActionMessage } from "./action-message.js";
import type { RequestDetail } from "./api-types.js";
import { isMine, useStudio } from "./studio-context.js";
import { useAction } from "./use-action.js";
import { momentInWords, personName } from "./words.js";

/** A request's comments, oldest first, and one more to add. */
export const CommentsView = ({
  detail,
  onChanged,
}: {
  detail: RequestDetail;
  onChanged: () => Promise<void>;
}) => {
  const { api, me, people } = useStudio();
  const action = useAction();
  const [text, setText] = useState("");
  const { comments, number } = detail.request;
  const add = async () => {
    if (action.busy) return;
    if (text.trim() === "") return action.say({ kind: "error", text: "Write the comment first." });
    const added = await action.run(
      "Adding your comment…",
      () => api.comment(number, text.trim()),
      () => "Your comment is added.",
    );
    if (!added) return;
    setText("");
    await onChanged();
  };
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments</h2>
      {comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol class="comments">
          {comments.map((comment) => (
            <li key={`${comment.at}${comment.actor}`}>
              <p class="comment-by">
                {isMine(me, comment.actor) ? "You" : personName(comment.actor, people)},{" "}
                {momentInWords(comment.at)}
              </p>
              <p>{comment.text}</p>
            </li>
          ))}
        </ol>
      )}
      <div class="field">
        <label for="comment-text">Add a comment</label>
        <textarea
          id="comment-text"
          rows={3}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="button" onClick={() => void add()}>
          Add the comment
        </button>
      </div>
      <ActionMessage id="comment-message" said={action.said} />
    </section>
  );
};
